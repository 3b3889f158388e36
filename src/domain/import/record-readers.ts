/**
 * Reads raw records from CSV (any delimiter, header row), JSON (an array of objects, or
 * an object holding one) and NDJSON (one object per line) files, streaming where the
 * format allows.
 */
import { createReadStream, type ReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';

/** A record and where it was. */
export interface RawRecordAt {
  record: Record<string, unknown>;
  /** 1-based line (CSV: the header is line 1; JSON: the position in the array). */
  line: number;
}

export type FileFormat = 'csv' | 'json' | 'ndjson';

/** The format named by the extension: `.csv`/`.tsv`/`.txt` CSV, `.json` JSON, `.ndjson`/`.jsonl` NDJSON. */
export function formatOf(path: string): FileFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.ndjson' || ext === '.jsonl') return 'ndjson';
  return 'csv';
}

/** A reader with a progress gauge in bytes. */
export interface RecordSource {
  records: AsyncIterable<RawRecordAt>;
  /** Bytes consumed so far (for progress and ETA). */
  bytesRead(): number;
}

/** Guesses the delimiter of a CSV header line: the most frequent of `,` `;` tab `|`. */
export function guessDelimiter(headerLine: string): string {
  const candidates = [',', ';', '\t', '|'];
  let best = ',';
  let bestCount = 0;
  for (const c of candidates) {
    const count = headerLine.split(c).length - 1;
    if (count > bestCount) {
      best = c;
      bestCount = count;
    }
  }
  return best;
}

async function firstLine(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead).toString('utf8').split(/\r?\n/)[0] ?? '';
  } finally {
    await handle.close();
  }
}

/**
 * Opens a file as a stream of records.
 * @param options.delimiter CSV delimiter; default guessed from the header line.
 * @throws Error (from the iterator) for malformed CSV/JSON, naming the line.
 */
export async function openRecords(path: string, options: { delimiter?: string; format?: FileFormat } = {}): Promise<RecordSource> {
  const format = options.format ?? formatOf(path);
  switch (format) {
    case 'csv': {
      const delimiter = options.delimiter ?? guessDelimiter((await firstLine(path)).replace(/^\uFEFF/, ''));
      const stream = createReadStream(path);
      return { records: csvRecords(stream, delimiter), bytesRead: () => stream.bytesRead };
    }
    case 'ndjson': {
      const stream = createReadStream(path);
      return { records: ndjsonRecords(stream, path), bytesRead: () => stream.bytesRead };
    }
    case 'json': {
      let read = 0;
      return {
        records: (async function* () {
          const text = await readFile(path, 'utf8');
          read = Buffer.byteLength(text);
          yield* jsonRecords(text, path);
        })(),
        bytesRead: () => read,
      };
    }
    default: {
      const unknownFormat: never = format;
      throw new Error(`Unknown format ${String(unknownFormat)}`);
    }
  }
}

async function* csvRecords(stream: ReadStream, delimiter: string): AsyncGenerator<RawRecordAt> {
  const parser = stream.pipe(
    parse({ delimiter, columns: true, bom: true, skip_empty_lines: true, relax_column_count: true, info: true, trim: false }),
  );
  for await (const item of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    yield { record: item.record, line: item.info.lines };
  }
}

async function* ndjsonRecords(stream: ReadStream, path: string): AsyncGenerator<RawRecordAt> {
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line += 1;
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new Error(`${path}:${line}: not valid JSON: ${(error as Error).message}`);
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new Error(`${path}:${line}: each line must be a JSON object`);
    }
    yield { record: value as Record<string, unknown>, line };
  }
}

function* jsonRecords(text: string, path: string): Generator<RawRecordAt> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path}: not valid JSON: ${(error as Error).message}`);
  }
  const list = Array.isArray(value) ? value : jsonList(value);
  if (list === undefined) {
    throw new Error(`${path}: expected an array of objects, or an object with one array (e.g. {"rows": […]}) or the xrm export format`);
  }
  let line = 0;
  for (const item of list) {
    line += 1;
    if (item === null || typeof item !== 'object' || Array.isArray(item)) throw new Error(`${path}: item ${line} is not an object`);
    yield { record: item as Record<string, unknown>, line };
  }
}

/** The records of a JSON object: the xrm export (`entities` then `relationships`, tagged) or its only array. */
function jsonList(value: unknown): unknown[] | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const object = value as Record<string, unknown>;
  if (object.format === 'xrm-graph' && Array.isArray(object.entities) && Array.isArray(object.relationships)) {
    const metamodel = (object.metamodel ?? {}) as { kinds?: unknown[]; relationshipTypes?: unknown[] };
    return [
      ...(metamodel.kinds ?? []).map((k) => ({ record: 'kind', ...(k as object) })),
      ...(metamodel.relationshipTypes ?? []).map((t) => ({ record: 'relationshipType', ...(t as object) })),
      ...(object.entities as Record<string, unknown>[]).map((e) => ({ record: 'entity', ...e })),
      ...(object.relationships as Record<string, unknown>[]).map((r) => ({ record: 'relationship', ...r })),
      ...(Array.isArray(object.touchpoints) ? (object.touchpoints as Record<string, unknown>[]) : []).map((t) => ({ record: 'touchpoint', ...t })),
      ...(Array.isArray(object.bookings) ? (object.bookings as Record<string, unknown>[]) : []).map((b) => ({ record: 'booking', ...b })),
    ];
  }
  const arrays = Object.values(object).filter(Array.isArray);
  return arrays.length === 1 ? arrays[0] : undefined;
}
