import { userInfo } from 'node:os';
import { ApiKeyService, type ApiKeyRecord } from '../../auth';
import { BadUserInputError, NotFoundError } from '../../domain/errors';
import { RecordedWrites } from '../../events/recorded-writes';
import { cliConfig, openServices, type CliServices } from '../cli-context';
import { CliError, ExitCode } from '../exit-codes';

/** Output options shared by the `xrm keys` subcommands. */
export interface KeysOutput {
  /** Print JSON instead of text. */
  json: boolean;
}

/**
 * `xrm keys create <name> --role <role>`: creates an API key with the same service as the
 * `createApiKey` mutation (recorded as an API_KEY_CREATED event with the CLI actor) and
 * prints its secret this once.
 * @throws CliError USAGE for a bad name or role, GRAPH_UNAVAILABLE when the graph cannot be opened.
 */
export async function createKey(name: string, opts: KeysOutput & { role: string }, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  return withKeys(async (keys) => {
    const { key, apiKey } = await keys.create({ name, role: opts.role }, cliActor());
    if (opts.json) {
      out.write(`${JSON.stringify({ key, apiKey }, null, 2)}\n`);
    } else {
      out.write(
        `Created API key ${apiKey.id} "${apiKey.name}" with role ${apiKey.role}.\n\n` +
          `  ${key}\n\n` +
          'Store this key now: it cannot be shown again (only its hash is stored).\n' +
          'Send it as "Authorization: Bearer <key>" or "x-api-key: <key>"; API_KEYS_ENABLED=true makes the server require credentials.\n',
      );
    }
    return ExitCode.OK;
  });
}

/** `xrm keys list`: every key, newest first, revoked ones included; never a secret. */
export async function listKeys(opts: KeysOutput, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  return withKeys(async (keys) => {
    const all = await keys.list();
    if (opts.json) out.write(`${JSON.stringify(all, null, 2)}\n`);
    else out.write(all.length === 0 ? 'No API keys. Create one with `xrm keys create <name> --role <role>`.\n' : table(all));
    return ExitCode.OK;
  });
}

/**
 * `xrm keys revoke <id>`: revokes a key at once (idempotent; an API_KEY_REVOKED event the first time).
 * @throws CliError USAGE for an unknown id.
 */
export async function revokeKey(id: string, opts: KeysOutput, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  return withKeys(async (keys) => {
    const apiKey = await keys.revoke(id, cliActor());
    if (opts.json) out.write(`${JSON.stringify(apiKey, null, 2)}\n`);
    else out.write(`Revoked API key ${apiKey.id} "${apiKey.name}" (revoked at ${apiKey.revokedAt ?? '?'}); it authenticates nothing from now on.\n`);
    return ExitCode.OK;
  });
}

/** Opens the graph, runs `work` with the API key service (writes through the event outbox), closes the graph. */
async function withKeys(work: (keys: ApiKeyService) => Promise<number>): Promise<number> {
  const ctx: CliServices = await openServices(cliConfig());
  try {
    const writes = new RecordedWrites(ctx.engine, ctx.catalogue, ctx.services.events);
    return await work(new ApiKeyService(ctx.engine, ctx.catalogue, undefined, undefined, writes));
  } catch (error) {
    if (error instanceof BadUserInputError) throw new CliError(error.message, ExitCode.USAGE);
    if (error instanceof NotFoundError) throw new CliError(`${error.message}; \`xrm keys list\` shows the ids`, ExitCode.USAGE);
    throw error;
  } finally {
    await ctx.close();
  }
}

/** The actor recorded for CLI changes: `cli:<OS user>`. */
function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}

function table(keys: readonly ApiKeyRecord[]): string {
  const header = ['ID', 'NAME', 'ROLE', 'CREATED', 'LAST USED', 'REVOKED'];
  const rows = [header, ...keys.map((k) => [k.id, k.name, k.role, k.createdAt, k.lastUsedAt ?? '-', k.revokedAt ?? '-'])];
  const widths = header.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n') + '\n';
}
