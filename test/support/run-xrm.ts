import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const TSX_CLI = require.resolve('tsx/cli');

/** What one run of the CLI did. */
export interface XrmRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real `xrm <args>` from the sources (through tsx) with its own GRAPH_URL, silent
 * logs and no REDIS_URL, and collects its exit code and output.
 */
export function runXrm(args: readonly string[], graphUrl: string): Promise<XrmRun> {
  return new Promise((resolveRun, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, GRAPH_URL: graphUrl, LOG_LEVEL: 'silent' };
    delete env.REDIS_URL;
    const child = spawn(process.execPath, [TSX_CLI, join(ROOT, 'src/cli/main.ts'), ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolveRun({ code, stdout, stderr }));
  });
}
