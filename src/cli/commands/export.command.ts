import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { DomainError } from '../../domain/errors';
import { EXPORT_FORMATS, writeExport, type ExportFormat, type ExportSink } from '../../domain/export/export-writers';
import type { ExportScope } from '../../domain/export/export.service';
import { cliConfig, openServices } from '../cli-context';
import { CliError, ExitCode } from '../exit-codes';

export interface ExportCommandOptions {
  format: string;
  out?: string;
  kinds?: string;
  types?: string;
  around?: string;
  depth?: number;
  maxNodes?: number;
}

/** Splits `A,B , C` into names. */
function list(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const names = value.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  return names.length > 0 ? names : undefined;
}

/**
 * `xrm export`: writes the graph or a scope to a file (`--out`) or stdout; `csv` writes
 * `entities.csv` and `relationships.csv` into the `--out` folder.
 * @throws CliError USAGE for a bad format or scope.
 */
export async function exportGraph(options: ExportCommandOptions, log: NodeJS.WritableStream = process.stderr): Promise<number> {
  if (!(EXPORT_FORMATS as readonly string[]).includes(options.format)) {
    throw new CliError(`Unknown format "${options.format}"; use one of ${EXPORT_FORMATS.join(', ')}`, ExitCode.USAGE);
  }
  const format = options.format as ExportFormat;
  if (format === 'csv' && options.out === undefined) throw new CliError('--format csv writes four files: give a folder with --out', ExitCode.USAGE);
  if (options.depth !== undefined && options.around === undefined) throw new CliError('--depth needs --around <entity id>', ExitCode.USAGE);
  const scope: ExportScope = {};
  const kinds = list(options.kinds);
  const types = list(options.types);
  if (kinds) scope.kinds = kinds;
  if (types) scope.types = types;
  if (options.around !== undefined) scope.around = { id: options.around, depth: options.depth ?? 1 };
  if (options.maxNodes !== undefined) scope.maxNodes = options.maxNodes;

  const sink: ExportSink = {
    open: (name): Writable => {
      if (format === 'csv') {
        const dir = options.out ?? '.';
        mkdirSync(dir, { recursive: true });
        return createWriteStream(join(dir, name));
      }
      if (options.out === undefined) return stdoutWritable();
      return createWriteStream(options.out);
    },
  };
  const ctx = await openServices(cliConfig());
  try {
    const started = Date.now();
    const counts = await writeExport(format, ctx.services.exports, ctx.services.metamodel, scope, sink);
    log.write(
      `Exported ${counts.entities} entities, ${counts.relationships} relationships, ${counts.touchpoints} touchpoints and ${counts.bookings} bookings ` +
        `as ${format}${options.out ? ` to ${options.out}` : ''} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
    );
    return ExitCode.OK;
  } catch (error) {
    if (error instanceof DomainError) throw new CliError(error.message, ExitCode.USAGE);
    throw error;
  } finally {
    await ctx.close();
  }
}

/** stdout that can be `end()`ed without closing the process's stdout. */
function stdoutWritable(): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      process.stdout.write(chunk, () => callback());
    },
  });
}
