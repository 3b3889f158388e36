import { basename } from 'node:path';
import { stat } from 'node:fs/promises';
import type { MetamodelService } from '../metamodel/metamodel.service';
import type { DefineKindInput, DefineRelationshipTypeInput } from '../metamodel/metamodel.inputs';
import { mappingFor, type EntityFileMapping, type ImportMapping, type RelationshipFileMapping } from './import-mapping';
import type { ImportService, MetamodelSetupResult } from './import.service';
import type {
  BatchResult,
  BookingImportRow,
  EntityImportRow,
  KeyMode,
  Rejection,
  RelationshipImportRow,
  RowRef,
  TouchpointImportRow,
} from './import.model';
import { normaliseInstant } from '../shared/clock';
import { mapEntityRecord, mapRelationshipRecord, type MetamodelSnapshot } from './row-mapper';
import { formatOf, openRecords, type RawRecordAt } from './record-readers';
import { RowRejectedError } from './row-rejected.error';

const NATIVE_RECORDS = new Set(['kind', 'relationshipType', 'entity', 'relationship', 'touchpoint', 'booking']);
/** Records of the xrm export format that link entities without being relationships. */
const EXTRA_RECORDS = new Set(['touchpoint', 'booking']);

/** Default rows per batch (one transaction each). */
export const DEFAULT_BATCH_SIZE = 5000;

/** Progress of one file, reported after every batch. */
export interface ImportProgress {
  file: string;
  rows: number;
  bytesRead: number;
  totalBytes: number;
  done: boolean;
}

/** What happened to one file. */
export interface FileImportResult {
  file: string;
  records: 'entities' | 'relationships' | 'xrm';
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  millis: number;
}

export interface ImportRunResult {
  metamodel: MetamodelSetupResult;
  files: FileImportResult[];
  totals: { rows: number; created: number; updated: number; unchanged: number; rejected: number; millis: number };
}

export interface ImportRunOptions {
  /** Required for CSV and plain JSON; not for files in the xrm export format. */
  mapping?: ImportMapping;
  actor: string;
  strict?: boolean;
  batchSize?: number;
  onProgress?: (progress: ImportProgress) => void;
  /** Called for every rejected row (write it to the reject file). */
  onReject?: (rejection: Rejection) => void;
}

/** A file the mapping does not cover, or that cannot be read. */
export class ImportFileError extends Error {}

/**
 * Imports files: entity files first (in the order given), then relationship files, so
 * that relationship ends exist. Files in the xrm export format (JSON with
 * `"format": "xrm-graph"`, or NDJSON whose lines carry `"record"`) need no mapping: they
 * are imported by record id, which reproduces the exported graph.
 * @throws ImportFileError for a file no mapping entry matches; RowRejectedError (strict).
 */
export async function runImport(
  files: readonly string[],
  imports: ImportService,
  metamodel: MetamodelService,
  options: ImportRunOptions,
): Promise<ImportRunResult> {
  const started = Date.now();
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const { mapping } = options;
  const plan: { path: string; entities?: EntityFileMapping; relationships?: RelationshipFileMapping; native?: boolean }[] = [];
  for (const path of files) {
    const name = basename(path);
    const entry = mapping ? mappingFor(mapping, name) : undefined;
    if (entry) plan.push({ path, ...entry });
    else if (formatOf(path) !== 'csv' && (await looksNative(path))) plan.push({ path, native: true });
    else if (!mapping) throw new ImportFileError(`${name}: not in the xrm export format, so it needs a mapping file (--mapping)`);
    else throw new ImportFileError(`${name}: no entry of the mapping matches this file name (entries: ${[...mapping.entities, ...mapping.relationships].map((e) => e.file).join(', ')})`);
  }
  plan.sort((a, b) => rank(a) - rank(b));

  const setup = mapping?.metamodel
    ? await imports.ensureMetamodel(
        {
          kinds: mapping.metamodel.kinds,
          relationshipTypes: mapping.metamodel.relationshipTypes,
        },
        options.actor,
      )
    : { kindsDefined: [], relationshipTypesDefined: [] };
  metamodel.invalidateCache();
  const snapshot: MetamodelSnapshot = {
    kinds: new Map((await metamodel.listKinds()).map((k) => [k.name, k])),
    relationshipTypes: new Map((await metamodel.listRelationshipTypes()).map((t) => [t.name, t])),
  };

  const results: FileImportResult[] = [];
  for (const item of plan) {
    results.push(await importFile(item, imports, snapshot, mapping?.source ?? 'xrm', { ...options, batchSize }));
  }
  const totals = results.reduce(
    (t, r) => ({
      rows: t.rows + r.rows,
      created: t.created + r.created,
      updated: t.updated + r.updated,
      unchanged: t.unchanged + r.unchanged,
      rejected: t.rejected + r.rejected,
      millis: 0,
    }),
    { rows: 0, created: 0, updated: 0, unchanged: 0, rejected: 0, millis: 0 },
  );
  totals.millis = Date.now() - started;
  return { metamodel: setup, files: results, totals };
}

function rank(item: { entities?: unknown; native?: boolean }): number {
  if (item.entities) return 0;
  return item.native ? 1 : 2;
}

async function looksNative(path: string): Promise<boolean> {
  try {
    const source = await openRecords(path);
    for await (const { record } of source.records) return typeof record.record === 'string' && NATIVE_RECORDS.has(record.record);
  } catch {
    return false;
  }
  return false;
}

async function importFile(
  item: { path: string; entities?: EntityFileMapping; relationships?: RelationshipFileMapping; native?: boolean },
  imports: ImportService,
  snapshot: MetamodelSnapshot,
  defaultSource: string,
  options: ImportRunOptions & { batchSize: number },
): Promise<FileImportResult> {
  const started = Date.now();
  const file = basename(item.path);
  const totalBytes = (await stat(item.path)).size;
  const delimiter = item.entities?.delimiter ?? item.relationships?.delimiter;
  const source = await openRecords(item.path, delimiter === undefined ? {} : { delimiter });
  const result: FileImportResult = {
    file,
    records: item.entities ? 'entities' : item.relationships ? 'relationships' : 'xrm',
    rows: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    millis: 0,
  };
  const keyMode: KeyMode = item.native ? 'id' : 'external';
  const serviceOptions = { actor: options.actor, strict: options.strict ?? false, keyMode };
  const add = (batch: BatchResult) => {
    result.created += batch.created;
    result.updated += batch.updated;
    result.unchanged += batch.unchanged;
    result.rejected += batch.rejected.length;
    for (const rejection of batch.rejected) options.onReject?.(rejection);
  };
  const rejectNow = (ref: { file: string; line: number; record: Record<string, unknown> }, reason: string) => {
    const rejection = { ref, reason };
    if (options.strict) throw new RowRejectedError(rejection);
    result.rejected += 1;
    options.onReject?.(rejection);
  };

  let entities: EntityImportRow[] = [];
  let relationships: RelationshipImportRow[] = [];
  // One batch may be in flight while the next is read and mapped: the engine works on the
  // batch (off the JS thread on Grafeo) while this loop parses. Batches still commit one
  // after the other, in file order (each waits for the one before).
  let inFlight: Promise<void> = Promise.resolve();
  const submit = async (work: () => Promise<void>) => {
    await inFlight; // at most one batch ahead; surfaces the previous batch's error here
    const next = work();
    next.catch(() => undefined); // handled when awaited (next submit or the end)
    inFlight = next;
  };
  // A batch is checked as soon as it is read, while the batch before is written; written after it.
  const submitChecked = <P>(prepared: Promise<P>, write: (prepared: P) => Promise<BatchResult>) => {
    prepared.catch(() => undefined); // surfaces when awaited, after the batch before
    return submit(async () => {
      add(await write(await prepared));
      report(false);
    });
  };
  const submitEntities = () => {
    if (entities.length === 0) return Promise.resolve();
    const batch = entities;
    entities = [];
    return submitChecked(imports.prepareEntities(batch, serviceOptions), (prepared) => imports.writeEntities(prepared));
  };
  const submitRelationships = async () => {
    await submitEntities();
    if (relationships.length === 0) return;
    const batch = relationships;
    relationships = [];
    await submitChecked(imports.prepareRelationships(batch, serviceOptions), (prepared) => imports.writeRelationships(prepared));
  };
  // Touchpoints and bookings (xrm export format only) come after the entities and relationships.
  let extras: { raw: RawRecordAt; ref: RowRef & { record: Record<string, unknown> } }[] = [];
  const submitExtras = async () => {
    if (extras.length === 0) return;
    const batch = extras;
    extras = [];
    const touchpoints: TouchpointImportRow[] = [];
    const bookings: BookingImportRow[] = [];
    for (const { raw, ref } of batch) {
      const mapped = raw.record.record === 'touchpoint' ? mapTouchpoint(raw.record, ref) : mapBooking(raw.record, ref);
      if (typeof mapped === 'string') rejectNow(ref, mapped);
      else if ('occurredAt' in mapped) touchpoints.push(mapped);
      else bookings.push(mapped);
    }
    await submit(async () => {
      if (touchpoints.length > 0) add(await imports.importTouchpoints(touchpoints, serviceOptions));
      if (bookings.length > 0) add(await imports.importBookings(bookings, serviceOptions));
      report(false);
    });
  };
  const report = (done: boolean) =>
    options.onProgress?.({ file, rows: result.rows, bytesRead: done ? totalBytes : source.bytesRead(), totalBytes, done });

  options.onProgress?.({ file, rows: 0, bytesRead: 0, totalBytes, done: false });
  try {
    for await (const raw of source.records) {
      if (item.native && (raw.record.record === 'kind' || raw.record.record === 'relationshipType')) {
        // The export's metamodel comes first: define what the database lacks before any record.
        await inFlight;
        const { record: tag, ...definition } = raw.record;
        await imports.ensureMetamodel(
          tag === 'kind' ? { kinds: [definition as unknown as DefineKindInput] } : { relationshipTypes: [definition as unknown as DefineRelationshipTypeInput] },
          options.actor,
        );
        continue;
      }
      if (item.native && typeof raw.record.record === 'string' && EXTRA_RECORDS.has(raw.record.record)) {
        // Touchpoints and bookings link entities: they follow every entity and relationship batch.
        await submitRelationships();
        result.rows += 1;
        extras.push({ raw, ref: { file, line: raw.line, record: raw.record } });
        if (extras.length >= options.batchSize) await submitExtras();
        continue;
      }
      result.rows += 1;
      const ref = { file, line: raw.line, record: raw.record };
      const mapped = item.native
        ? mapNative(raw, ref)
        : item.entities
          ? mapEntityRecord(raw.record, ref, item.entities, defaultSource, snapshot)
          : mapRelationshipRecord(raw.record, ref, item.relationships as RelationshipFileMapping, defaultSource, snapshot);
      if (!mapped.ok) {
        rejectNow(ref, mapped.reason);
        continue;
      }
      if ('kind' in mapped.row) entities.push(mapped.row);
      else relationships.push(mapped.row);
      if (entities.length >= options.batchSize) await submitEntities();
      if (relationships.length >= options.batchSize) await submitRelationships();
    }
    await submitRelationships();
    await submitExtras();
    await inFlight;
  } catch (error) {
    // Never leave a batch running behind the caller's back (it may close the database next).
    // A batch in flight that fails holds an earlier row: its error is the one to report.
    await inFlight;
    throw error;
  }
  result.millis = Date.now() - started;
  report(true);
  return result;
}

/** A record of the xrm export format (see export-writers.ts) as an import row keyed by id. */
function mapNative(
  raw: RawRecordAt,
  ref: { file: string; line: number; record: Record<string, unknown> },
): { ok: true; row: EntityImportRow | RelationshipImportRow } | { ok: false; reason: string } {
  const r = raw.record;
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  const properties = r.properties !== null && typeof r.properties === 'object' ? (r.properties as Record<string, unknown>) : {};
  const id = str(r.id);
  if (id === undefined) return { ok: false, reason: 'missing id' };
  const storedSource = str(r.source);
  const storedExternalId = str(r.externalId);
  const storedKey =
    storedSource !== undefined && storedExternalId !== undefined ? { storedKey: { source: storedSource, externalId: storedExternalId } } : {};
  if (r.record === 'entity') {
    const kind = str(r.kind);
    if (kind === undefined) return { ok: false, reason: 'missing kind' };
    return { ok: true, row: { ref, id, key: { source: 'xrm', externalId: id }, kind, name: typeof r.name === 'string' ? r.name : '', properties, ...storedKey } };
  }
  if (r.record === 'relationship') {
    const type = str(r.type);
    const fromId = str(r.fromId);
    const toId = str(r.toId);
    if (type === undefined || fromId === undefined || toId === undefined) return { ok: false, reason: 'missing type, fromId or toId' };
    return {
      ok: true,
      row: {
        ref,
        id,
        key: { source: 'xrm', externalId: id },
        type,
        from: { source: 'xrm', externalId: fromId },
        to: { source: 'xrm', externalId: toId },
        role: str(r.role) ?? null,
        validFrom: str(r.validFrom) ?? null,
        validTo: str(r.validTo) ?? null,
        strength: typeof r.strength === 'number' ? r.strength : null,
        properties,
        ...storedKey,
      },
    };
  }
  return { ok: false, reason: 'not an xrm export record ("record" must be kind, relationshipType, entity, relationship, touchpoint or booking)' };
}

type Ref = RowRef & { record: Record<string, unknown> };

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** A normalised instant, or undefined when the value is not an ISO-8601 date-time with a zone. */
function instant(v: unknown): string | undefined {
  return typeof v === 'string' ? normaliseInstant(v) : undefined;
}

/** Stored fields of a touchpoint or booking: scalars or lists of scalars only. */
function storedFields(v: unknown): Record<string, unknown> | string {
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) return 'properties must be an object';
  const scalar = (x: unknown) => x === null || ['string', 'number', 'boolean'].includes(typeof x);
  for (const [name, value] of Object.entries(v)) {
    if (!(scalar(value) || (Array.isArray(value) && value.every(scalar)))) return `properties.${name} must be a value or a list of values`;
  }
  return v as Record<string, unknown>;
}

function version(v: unknown): number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : 1;
}

/** A `touchpoint` record of the xrm export format, or the reason it is rejected. */
function mapTouchpoint(r: Record<string, unknown>, ref: Ref): TouchpointImportRow | string {
  const id = text(r.id);
  if (id === undefined) return 'missing id';
  const occurredAt = instant(r.occurredAt);
  if (occurredAt === undefined) return 'occurredAt must be an ISO-8601 date-time with a time zone';
  const properties = storedFields(r.properties);
  if (typeof properties === 'string') return properties;
  if (!Array.isArray(r.participants) || r.participants.length === 0) return 'a touchpoint needs at least one participant';
  const participants: TouchpointImportRow['participants'] = [];
  for (const p of r.participants as unknown[]) {
    const entityId = p !== null && typeof p === 'object' ? text((p as Record<string, unknown>).entityId) : undefined;
    if (entityId === undefined) return 'every participant needs an entityId';
    participants.push({ entityId, role: text((p as Record<string, unknown>).role) ?? null });
  }
  const objectIds = r.objectIds === undefined || r.objectIds === null ? [] : r.objectIds;
  if (!Array.isArray(objectIds) || !objectIds.every((o) => text(o) !== undefined)) return 'objectIds must be a list of entity ids';
  const locationId = r.locationId === undefined || r.locationId === null ? null : text(r.locationId);
  if (locationId === undefined) return 'locationId must be an entity id or null';
  return {
    ref,
    id,
    occurredAt,
    createdAt: instant(r.createdAt) ?? occurredAt,
    updatedAt: instant(r.updatedAt) ?? instant(r.createdAt) ?? occurredAt,
    version: version(r.version),
    participants,
    objectIds: objectIds as string[],
    locationId,
    properties,
  };
}

/** A `booking` record of the xrm export format, or the reason it is rejected. */
function mapBooking(r: Record<string, unknown>, ref: Ref): BookingImportRow | string {
  const id = text(r.id);
  if (id === undefined) return 'missing id';
  const resourceId = text(r.resourceId);
  const bookerId = text(r.bookerId);
  if (resourceId === undefined || bookerId === undefined) return 'missing resourceId or bookerId';
  const start = instant(r.start);
  const end = instant(r.end);
  if (start === undefined || end === undefined) return 'start and end must be ISO-8601 date-times with a time zone';
  if (end <= start) return 'end must be after start';
  const cancelledAt = r.cancelledAt === undefined || r.cancelledAt === null ? null : instant(r.cancelledAt);
  if (cancelledAt === undefined) return 'cancelledAt must be an ISO-8601 date-time with a time zone or null';
  const properties = storedFields(r.properties);
  if (typeof properties === 'string') return properties;
  const createdAt = instant(r.createdAt) ?? start;
  return { ref, id, resourceId, bookerId, start, end, cancelledAt, createdAt, updatedAt: instant(r.updatedAt) ?? createdAt, version: version(r.version), properties };
}
