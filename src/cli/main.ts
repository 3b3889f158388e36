#!/usr/bin/env node
import 'reflect-metadata';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { VERSION } from '../app';
import { demo } from './commands/demo.command';
import { doctor } from './commands/doctor.command';
import { exportGraph } from './commands/export.command';
import { importFiles } from './commands/import.command';
import { createKey, listKeys, revokeKey } from './commands/keys.command';
import { migrate } from './commands/migrate.command';
import { serve } from './commands/serve.command';
import { CliError, ExitCode } from './exit-codes';

const EXIT_CODES_HELP = `
Configuration comes from the environment (GRAPH_URL, NEO4J_USER, NEO4J_PASSWORD, REDIS_URL …;
see docs). GRAPH_URL unset means the embedded database at ./data/xrm.

Exit codes:
  0  done
  1  unexpected failure
  2  bad usage: options, configuration, mapping or scope
  3  graph database unavailable (e.g. the embedded database is locked by a running server)
  4  import finished but rows were rejected (see --reject-file)
  5  --strict import stopped at a bad row`;

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number');
  return n;
}

/** Builds the `xrm` program; `exit` receives the exit code of a finished command. */
export function buildProgram(exit: (code: number) => void): Command {
  const program = new Command('xrm')
    .description('xrm-graph: an xRM platform on a property graph, served over GraphQL')
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', EXIT_CODES_HELP)
    // Before the subcommands: they copy it. Errors reach runCli as CommanderError instead of exiting.
    .exitOverride();

  program
    .command('serve')
    .description('start the GraphQL server (what `npm start` runs)')
    .option('-p, --port <port>', 'port to listen on (default: PORT or 4000)', positiveInt)
    .option('--host <host>', 'interface to bind (default: HOST)')
    .action(async (opts: { port?: number; host?: string }) => {
      await serve(opts);
    });

  program
    .command('migrate')
    .description('apply the schema (indexes, constraints) and seed the default metamodel; idempotent')
    .action(async () => {
      await migrate();
      exit(ExitCode.OK);
    });

  program
    .command('doctor')
    .description('check configuration, graph reachability, schema and metamodel state, and Redis')
    .action(async () => exit(await doctor()));

  program
    .command('import')
    .description('import entities and relationships from CSV, JSON or NDJSON files (upsert by source + externalId)')
    .argument('<files...>', 'files to import; entity files are imported before relationship files')
    .option('-m, --mapping <file>', 'mapping file (YAML or JSON); not needed for files exported by `xrm export --format json|ndjson`')
    .option('--strict', 'stop at the first bad row without writing its batch', false)
    .option('--reject-file <file>', 'write rejected rows with their reasons to this file (NDJSON)')
    .option('--batch-size <n>', 'rows per transaction (default 5000)', positiveInt)
    .option('-q, --quiet', 'no progress output', false)
    .addHelpText('after', '\nExample:\n  xrm import examples/ldbc-snb/*.csv --mapping examples/ldbc-snb/mapping.yml --reject-file rejects.ndjson\n')
    .action(async (files: string[], opts: { mapping?: string; strict: boolean; rejectFile?: string; batchSize?: number; quiet: boolean }) => {
      exit(await importFiles(files, opts));
    });

  program
    .command('export')
    .description('export the graph or a scope of it')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['json', 'ndjson', 'csv', 'graphml']).default('json'))
    .option('-o, --out <path>', 'output file (csv: output folder); default stdout')
    .option('--kinds <kinds>', 'only entities of these kinds, comma-separated')
    .option('--types <types>', 'only relationships of these types, comma-separated')
    .option('--around <entityId>', 'only the neighbourhood of this entity')
    .option('--depth <n>', 'hops around --around (default 1)', positiveInt)
    .option('--max-nodes <n>', 'refuse a neighbourhood larger than this (default 100000)', positiveInt)
    .action(async (opts: { format: string; out?: string; kinds?: string; types?: string; around?: string; depth?: number; maxNodes?: number }) => {
      exit(await exportGraph(opts));
    });

  program
    .command('demo')
    .description('load a realistic, deterministic trade-fair network')
    .addOption(new Option('--scale <scale>', 'how much data').choices(['small', 'medium', 'large']).default('small'))
    .option('--seed <n>', 'random seed: the same seed gives the same network', positiveInt, 1)
    .option('--batch-size <n>', 'rows per transaction (default 5000)', positiveInt)
    .option('-q, --quiet', 'no progress output', false)
    .action(async (opts: { scale: string; seed: number; batchSize?: number; quiet: boolean }) => {
      exit(await demo(opts));
    });

  const keys = program
    .command('keys')
    .description('create, list and revoke API keys (stored hashed in the graph; stop a running server on the embedded database first)');
  keys
    .command('create')
    .description('create an API key; its secret is printed this once')
    .argument('<name>', 'what the key is for, 1 to 100 characters')
    .addOption(new Option('-r, --role <role>', 'what the key may do').choices(['viewer', 'analyst', 'editor', 'admin']).makeOptionMandatory())
    .option('--json', 'print JSON', false)
    .action(async (name: string, opts: { role: string; json: boolean }) => exit(await createKey(name, opts)));
  keys
    .command('list')
    .description('list every API key (id, name, role, created, last used, revoked); never a secret')
    .option('--json', 'print JSON', false)
    .action(async (opts: { json: boolean }) => exit(await listKeys(opts)));
  keys
    .command('revoke')
    .description('revoke an API key at once (idempotent)')
    .argument('<id>', 'the key id (see `xrm keys list`)')
    .option('--json', 'print JSON', false)
    .action(async (id: string, opts: { json: boolean }) => exit(await revokeKey(id, opts)));

  return program;
}

/** Runs the CLI with `argv` (process.argv form) and exits with the command's code. */
export async function runCli(argv: readonly string[]): Promise<void> {
  // `xrm export | head` or `xrm --help | less` closing the pipe early is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? ExitCode.OK);
    throw error;
  });
  let finished = false;
  const program = buildProgram((code) => {
    finished = true;
    process.exitCode = code;
  });
  try {
    await program.parseAsync([...argv]);
    // A finished command exits even if a library left a timer or socket open; `serve` keeps running.
    if (finished) process.exit(process.exitCode);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end with code 0; usage errors were already printed.
      process.exitCode = error.exitCode === 0 ? ExitCode.OK : ExitCode.USAGE;
      return;
    }
    if (error instanceof CliError) {
      process.stderr.write(`xrm: ${error.message}\n`);
      process.exitCode = error.exitCode;
      return;
    }
    process.stderr.write(`xrm: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = ExitCode.FAILURE;
  }
}

if (require.main === module) void runCli(process.argv);
