import 'reflect-metadata';
import { runCli } from './cli/main';

// `npm start` runs the same code path as `xrm serve`.
void runCli([process.argv[0] ?? 'node', 'xrm', 'serve', ...process.argv.slice(2)]);
