import { createWriteStream, existsSync, readFileSync, type WriteStream } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parseMapping, MappingError, type ImportMapping } from '../../domain/import/import-mapping';
import { ImportFileError, runImport, type ImportRunResult } from '../../domain/import/import-runner';
import { RowRejectedError } from '../../domain/import/row-rejected.error';
import { DomainError } from '../../domain/errors';
import { cliConfig, openServices } from '../cli-context';
import { CliError, ExitCode } from '../exit-codes';
import { progressView } from '../progress';

export interface ImportCommandOptions {
  mapping?: string;
  strict?: boolean;
  rejectFile?: string;
  batchSize?: number;
  quiet?: boolean;
}

/**
 * Reads a mapping file: YAML (`.yml`, `.yaml`) or JSON.
 * @throws CliError (USAGE) when it is missing, unreadable or invalid (every problem listed).
 */
export function loadMappingFile(path: string): ImportMapping {
  if (!existsSync(path)) throw new CliError(`Mapping file not found: ${path}`, ExitCode.USAGE);
  let document: unknown;
  try {
    const text = readFileSync(path, 'utf8');
    document = ['.yml', '.yaml'].includes(extname(path).toLowerCase()) ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw new CliError(`Cannot read mapping ${path}: ${(error as Error).message}`, ExitCode.USAGE);
  }
  try {
    return parseMapping(document);
  } catch (error) {
    if (error instanceof MappingError) throw new CliError(`${path}: ${error.message}`, ExitCode.USAGE);
    throw error;
  }
}

/**
 * `xrm import <files…>`: imports CSV / JSON / NDJSON files with a mapping (or files in the
 * xrm export format without one), prints a summary per file.
 * @returns OK, or ROWS_REJECTED when rows were rejected.
 * @throws CliError: USAGE (mapping, files), GRAPH_UNAVAILABLE, STRICT_ABORTED.
 */
export async function importFiles(files: string[], options: ImportCommandOptions, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  for (const file of files) if (!existsSync(file)) throw new CliError(`File not found: ${file}`, ExitCode.USAGE);
  if (options.batchSize !== undefined && !(Number.isInteger(options.batchSize) && options.batchSize >= 1 && options.batchSize <= 100_000)) {
    throw new CliError('--batch-size must be a whole number from 1 to 100000', ExitCode.USAGE);
  }
  const mapping = options.mapping === undefined ? undefined : loadMappingFile(options.mapping);
  const config = cliConfig();
  const ctx = await openServices(config);
  let rejects: WriteStream | undefined;
  let rejectCount = 0;
  const progress = progressView({ quiet: options.quiet ?? false });
  let result: ImportRunResult;
  try {
    result = await runImport(files, ctx.services.imports, ctx.services.metamodel, {
      ...(mapping === undefined ? {} : { mapping }),
      actor: 'cli:import',
      strict: options.strict ?? false,
      ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
      onProgress: (p) => progress.update(p),
      onReject: (rejection) => {
        rejectCount += 1;
        if (options.rejectFile === undefined) return;
        rejects ??= createWriteStream(options.rejectFile);
        rejects.write(`${JSON.stringify({ file: rejection.ref.file, line: rejection.ref.line, reason: rejection.reason, record: rejection.ref.record })}\n`);
      },
    });
  } catch (error) {
    progress.stop();
    if (error instanceof RowRejectedError) throw new CliError(error.message, ExitCode.STRICT_ABORTED);
    if (error instanceof ImportFileError) throw new CliError(error.message, ExitCode.USAGE);
    if (error instanceof DomainError) throw new CliError(error.message, ExitCode.USAGE);
    throw error;
  } finally {
    progress.stop();
    const stream = rejects;
    if (stream) await new Promise<void>((resolve) => stream.end(resolve));
    await ctx.close();
  }
  const { metamodel, files: perFile, totals } = result;
  if (metamodel.kindsDefined.length + metamodel.relationshipTypesDefined.length > 0) {
    out.write(`Defined kinds: ${metamodel.kindsDefined.join(', ') || '-'}; relationship types: ${metamodel.relationshipTypesDefined.join(', ') || '-'}\n`);
  }
  for (const f of perFile) {
    out.write(
      `${f.file} (${f.records}): ${f.rows} rows → ${f.created} created, ${f.updated} updated, ${f.unchanged} unchanged, ${f.rejected} rejected in ${(f.millis / 1000).toFixed(1)} s\n`,
    );
  }
  const rate = totals.millis > 0 ? Math.round((totals.rows / totals.millis) * 1000) : totals.rows;
  out.write(
    `Total: ${totals.rows} rows → ${totals.created} created, ${totals.updated} updated, ${totals.unchanged} unchanged, ${totals.rejected} rejected in ${(totals.millis / 1000).toFixed(1)} s (${rate} rows/s)\n`,
  );
  if (rejectCount > 0) {
    out.write(options.rejectFile === undefined ? `${rejectCount} rows rejected; pass --reject-file to keep them with the reasons\n` : `${rejectCount} rejected rows written to ${options.rejectFile}\n`);
    return ExitCode.ROWS_REJECTED;
  }
  return ExitCode.OK;
}
