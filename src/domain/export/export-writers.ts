/**
 * Writes an export in one of four formats:
 * - `json`: `{"format":"xrm-graph","version":1,"metamodel":{kinds,relationshipTypes},"entities":[…],
 *   "relationships":[…],"touchpoints":[…],"bookings":[…]}`
 * - `ndjson`: one record per line: `{"record":"kind",…}`, `{"record":"relationshipType",…}`,
 *   then `{"record":"entity",…}`, `{"record":"relationship",…}`, `{"record":"touchpoint",…}`,
 *   `{"record":"booking",…}`
 * - `csv`: four files, `entities.csv` and `relationships.csv` (one column per property),
 *   `touchpoints.csv` and `bookings.csv` (main fields as columns, links and the remaining
 *   fields as JSON columns)
 * - `graphml`: GraphML 1.0 with `<key>`s for labels, system fields and every property
 *   (opens in Gephi and yEd; node and edge labels in the `label` key); touchpoints and
 *   bookings are nodes too, linked by INVOLVES/ABOUT/AT and RESERVES/BOOKED_FOR edges
 * `json` and `ndjson` are the xrm export format: `xrm import` reads them back without a
 * mapping and reproduces the graph, ids included.
 */
import type { Writable } from 'node:stream';
import { PropertyType, type MetamodelReader } from '../metamodel/metamodel.types';
import type {
  ExportBatch,
  ExportedBooking,
  ExportedEntity,
  ExportedRelationship,
  ExportedTouchpoint,
  ExportScope,
  ExportService,
} from './export.service';

export const EXPORT_FORMATS = ['json', 'ndjson', 'csv', 'graphml'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Where an export goes: one stream, or (csv) one per file name. */
export interface ExportSink {
  open(name: 'main' | 'entities.csv' | 'relationships.csv' | 'touchpoints.csv' | 'bookings.csv'): Writable;
}

export interface ExportCounts {
  entities: number;
  relationships: number;
  touchpoints: number;
  bookings: number;
}

const SECTIONS = ['entities', 'relationships', 'touchpoints', 'bookings'] as const;
type Section = (typeof SECTIONS)[number];

function sectionOf(batch: ExportBatch): Section {
  if ('entities' in batch) return 'entities';
  if ('relationships' in batch) return 'relationships';
  return 'touchpoints' in batch ? 'touchpoints' : 'bookings';
}

function itemsOf(batch: ExportBatch): readonly object[] {
  if ('entities' in batch) return batch.entities;
  if ('relationships' in batch) return batch.relationships;
  return 'touchpoints' in batch ? batch.touchpoints : batch.bookings;
}

/** The ndjson `record` tag of each section. */
const RECORD_TAG: Record<Section, string> = { entities: 'entity', relationships: 'relationship', touchpoints: 'touchpoint', bookings: 'booking' };

function emptyCounts(): ExportCounts {
  return { entities: 0, relationships: 0, touchpoints: 0, bookings: 0 };
}

/** Writes `text`, waiting for the stream to drain when its buffer is full. */
async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await new Promise<void>((resolve) => out.once('drain', resolve));
}

async function end(out: Writable): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    out.once('error', reject);
    out.end(resolve);
  });
}

/**
 * Exports the scope in `format` to the sink.
 * @throws whatever ExportService.records throws (unknown kind, …) before anything is written.
 */
export async function writeExport(
  format: ExportFormat,
  service: ExportService,
  metamodel: MetamodelReader,
  scope: ExportScope,
  sink: ExportSink,
): Promise<ExportCounts> {
  await service.checkScope(scope);
  switch (format) {
    case 'json':
      return writeJson(service, scope, sink.open('main'));
    case 'ndjson':
      return writeNdjson(service, scope, sink.open('main'));
    case 'csv':
      return writeCsv(service, metamodel, scope, sink);
    case 'graphml':
      return writeGraphml(service, metamodel, scope, sink.open('main'));
    default: {
      const unknownFormat: never = format;
      throw new Error(`Unknown export format ${String(unknownFormat)}`);
    }
  }
}

async function writeJson(service: ExportService, scope: ExportScope, out: Writable): Promise<ExportCounts> {
  const counts = emptyCounts();
  const records = service.records(scope);
  const first = await records.next(); // fails on a bad scope before anything is written
  const metamodel = await service.metamodelDefinitions();
  await write(
    out,
    `{"format":"xrm-graph","version":1,"exportedAt":${JSON.stringify(new Date().toISOString())},"metamodel":${JSON.stringify(metamodel)},"entities":[`,
  );
  // Sections come in SECTIONS order; every array is written, empty ones too.
  let open = 0;
  const openUpTo = async (section: Section) => {
    while (SECTIONS[open] !== section) {
      open += 1;
      await write(out, `\n],${JSON.stringify(SECTIONS[open])}:[`);
    }
  };
  const handle = async (batch: ExportBatch) => {
    const section = sectionOf(batch);
    await openUpTo(section);
    for (const item of itemsOf(batch)) await write(out, `${counts[section]++ === 0 ? '\n' : ',\n'}${JSON.stringify(item)}`);
  };
  if (!first.done) await handle(first.value);
  for await (const batch of records) await handle(batch);
  await openUpTo('bookings');
  await write(out, '\n]}\n');
  await end(out);
  return counts;
}

async function writeNdjson(service: ExportService, scope: ExportScope, out: Writable): Promise<ExportCounts> {
  const counts = emptyCounts();
  const records = service.records(scope);
  const first = await records.next(); // fails on a bad scope before anything is written
  const metamodel = await service.metamodelDefinitions();
  for (const kind of metamodel.kinds) await write(out, `${JSON.stringify({ record: 'kind', ...kind })}\n`);
  for (const type of metamodel.relationshipTypes) await write(out, `${JSON.stringify({ record: 'relationshipType', ...type })}\n`);
  const batches = async function* () {
    if (!first.done) yield first.value;
    yield* records;
  };
  for await (const batch of batches()) {
    const section = sectionOf(batch);
    const record = RECORD_TAG[section];
    for (const item of itemsOf(batch)) {
      await write(out, `${JSON.stringify({ record, ...item })}\n`);
      counts[section]++;
    }
  }
  await end(out);
  return counts;
}

/** A CSV field: quoted when it holds the delimiter, a quote or a line break; lists as JSON. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

async function propertyNames(metamodel: MetamodelReader): Promise<{ entity: string[]; relationship: string[] }> {
  const entity = new Set<string>();
  const relationship = new Set<string>();
  for (const kind of await metamodel.listKinds()) for (const p of kind.properties) entity.add(p.name);
  for (const type of await metamodel.listRelationshipTypes()) for (const p of type.properties) relationship.add(p.name);
  return { entity: [...entity].sort(), relationship: [...relationship].sort() };
}

async function writeCsv(service: ExportService, metamodel: MetamodelReader, scope: ExportScope, sink: ExportSink): Promise<ExportCounts> {
  const names = await propertyNames(metamodel);
  const counts = emptyCounts();
  const records = service.records(scope);
  const first = await records.next();
  const entities = sink.open('entities.csv');
  const relationships = sink.open('relationships.csv');
  const touchpoints = sink.open('touchpoints.csv');
  const bookings = sink.open('bookings.csv');
  const entityColumns = ['id', 'kind', 'category', 'name', 'source', 'externalId', 'version', 'createdAt', 'updatedAt'];
  const relColumns = ['id', 'type', 'fromId', 'toId', 'role', 'validFrom', 'validTo', 'strength', 'source', 'externalId', 'version', 'createdAt'];
  await write(entities, `${[...entityColumns, ...names.entity].join(',')}\n`);
  await write(relationships, `${[...relColumns, ...names.relationship].join(',')}\n`);
  await write(touchpoints, `${TOUCHPOINT_COLUMNS.join(',')}\n`);
  await write(bookings, `${BOOKING_COLUMNS.join(',')}\n`);
  const handle = async (batch: ExportBatch) => {
    if ('touchpoints' in batch) {
      for (const t of batch.touchpoints) {
        await write(touchpoints, `${touchpointCsvRow(t).join(',')}\n`);
        counts.touchpoints++;
      }
    } else if ('bookings' in batch) {
      for (const b of batch.bookings) {
        await write(bookings, `${bookingCsvRow(b).join(',')}\n`);
        counts.bookings++;
      }
    } else if ('entities' in batch) {
      for (const e of batch.entities) {
        const row = entityColumns.map((c) => csvField(e[c as keyof ExportedEntity])).concat(names.entity.map((n) => csvField(e.properties[n])));
        await write(entities, `${row.join(',')}\n`);
        counts.entities++;
      }
    } else {
      for (const r of batch.relationships) {
        const row = relColumns
          .map((c) => csvField(r[c as keyof ExportedRelationship]))
          .concat(names.relationship.map((n) => csvField(r.properties[n])));
        await write(relationships, `${row.join(',')}\n`);
        counts.relationships++;
      }
    }
  };
  if (!first.done) await handle(first.value);
  for await (const batch of records) await handle(batch);
  await end(entities);
  await end(relationships);
  await end(touchpoints);
  await end(bookings);
  return counts;
}

const TOUCHPOINT_COLUMNS = [
  'id', 'occurredAt', 'channel', 'direction', 'summary', 'sentiment', 'participants', 'objectIds', 'locationId', 'version', 'createdAt', 'updatedAt', 'properties',
];
const TOUCHPOINT_CSV_FIELDS = new Set(['channel', 'direction', 'summary', 'sentiment']);
const BOOKING_COLUMNS = [
  'id', 'resourceId', 'bookerId', 'start', 'end', 'status', 'purpose', 'cancelledAt', 'version', 'createdAt', 'updatedAt', 'properties',
];
const BOOKING_CSV_FIELDS = new Set(['status', 'purpose']);

function rest(properties: Record<string, unknown>, shown: ReadonlySet<string>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(properties).filter(([k]) => !shown.has(k)));
}

/** participants, objectIds and the fields without a column of their own are JSON. */
function touchpointCsvRow(t: ExportedTouchpoint): string[] {
  const p = t.properties;
  return [
    t.id, t.occurredAt, p.channel, p.direction, p.summary, p.sentiment, t.participants, t.objectIds, t.locationId, t.version, t.createdAt, t.updatedAt,
    rest(p, TOUCHPOINT_CSV_FIELDS),
  ].map(csvField);
}

function bookingCsvRow(b: ExportedBooking): string[] {
  const p = b.properties;
  return [b.id, b.resourceId, b.bookerId, b.start, b.end, p.status, p.purpose, b.cancelledAt, b.version, b.createdAt, b.updatedAt, rest(p, BOOKING_CSV_FIELDS)].map(
    csvField,
  );
}

/** XML text with the five special characters escaped. */
export function xmlEscape(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c);
}

const GRAPHML_TYPE: Record<PropertyType, string> = {
  [PropertyType.STRING]: 'string',
  [PropertyType.INT]: 'long',
  [PropertyType.FLOAT]: 'double',
  [PropertyType.BOOLEAN]: 'boolean',
  [PropertyType.DATE]: 'string',
  [PropertyType.DATETIME]: 'string',
  [PropertyType.STRING_LIST]: 'string',
};

async function writeGraphml(service: ExportService, metamodel: MetamodelReader, scope: ExportScope, out: Writable): Promise<ExportCounts> {
  const records = service.records(scope);
  const first = await records.next();
  const nodeKeys = new Map<string, string>([
    ['label', 'string'], ['labels', 'string'], ['kind', 'string'], ['category', 'string'], ['source', 'string'], ['externalId', 'string'],
    // touchpoint and booking nodes
    ['occurredAt', 'string'], ['channel', 'string'], ['direction', 'string'], ['sentiment', 'double'], ['start', 'string'], ['end', 'string'],
    ['status', 'string'],
  ]);
  const edgeKeys = new Map<string, string>([
    ['label', 'string'], ['type', 'string'], ['role', 'string'], ['validFrom', 'string'], ['validTo', 'string'], ['strength', 'double'],
    ['source', 'string'], ['externalId', 'string'],
  ]);
  for (const kind of await metamodel.listKinds()) for (const p of kind.properties) if (!nodeKeys.has(p.name)) nodeKeys.set(p.name, GRAPHML_TYPE[p.type]);
  for (const type of await metamodel.listRelationshipTypes()) {
    for (const p of type.properties) if (!edgeKeys.has(p.name)) edgeKeys.set(p.name, GRAPHML_TYPE[p.type]);
  }
  const keyId = (scopeName: 'n' | 'e', name: string) => `${scopeName}_${name}`;
  await write(
    out,
    '<?xml version="1.0" encoding="UTF-8"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns" ' +
      'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
      'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n',
  );
  for (const [name, type] of nodeKeys) {
    await write(out, `  <key id="${keyId('n', name)}" for="node" attr.name="${xmlEscape(name)}" attr.type="${type}"/>\n`);
  }
  for (const [name, type] of edgeKeys) {
    await write(out, `  <key id="${keyId('e', name)}" for="edge" attr.name="${xmlEscape(name)}" attr.type="${type}"/>\n`);
  }
  await write(out, '  <graph id="xrm" edgedefault="directed">\n');
  const data = (scopeName: 'n' | 'e', keys: Map<string, string>, values: Record<string, unknown>) =>
    Object.entries(values)
      .filter(([name, v]) => v !== null && v !== undefined && keys.has(name))
      .map(([name, v]) => `<data key="${keyId(scopeName, name)}">${xmlEscape(typeof v === 'string' ? v : JSON.stringify(v))}</data>`)
      .join('');
  const counts = emptyCounts();
  let linkCount = 0;
  const link = async (from: string, to: string, type: string, role: string | null = null) => {
    const values = { label: type, type, role };
    await write(out, `    <edge id="link${linkCount++}" source="${xmlEscape(from)}" target="${xmlEscape(to)}">${data('e', edgeKeys, values)}</edge>\n`);
  };
  const handle = async (batch: ExportBatch) => {
    if ('touchpoints' in batch) {
      for (const t of batch.touchpoints) {
        const p = t.properties;
        const values = {
          label: typeof p.summary === 'string' && p.summary !== '' ? p.summary : `${String(p.channel)} touchpoint`, labels: ':Touchpoint', kind: 'Touchpoint',
          occurredAt: t.occurredAt, channel: p.channel, direction: p.direction, sentiment: p.sentiment,
        };
        await write(out, `    <node id="${xmlEscape(t.id)}">${data('n', nodeKeys, values)}</node>\n`);
        for (const participant of t.participants) await link(t.id, participant.entityId, 'INVOLVES', participant.role);
        for (const objectId of t.objectIds) await link(t.id, objectId, 'ABOUT');
        if (t.locationId !== null) await link(t.id, t.locationId, 'AT');
        counts.touchpoints++;
      }
    } else if ('bookings' in batch) {
      for (const b of batch.bookings) {
        const p = b.properties;
        const values = {
          label: typeof p.purpose === 'string' && p.purpose !== '' ? p.purpose : 'Booking', labels: ':Booking', kind: 'Booking', start: b.start, end: b.end,
          status: p.status,
        };
        await write(out, `    <node id="${xmlEscape(b.id)}">${data('n', nodeKeys, values)}</node>\n`);
        await link(b.id, b.resourceId, 'RESERVES');
        await link(b.id, b.bookerId, 'BOOKED_FOR');
        counts.bookings++;
      }
    } else if ('entities' in batch) {
      for (const e of batch.entities) {
        const values = { ...e.properties, label: e.name, labels: `:${e.labels.join(':')}`, kind: e.kind, category: e.category, source: e.source, externalId: e.externalId };
        await write(out, `    <node id="${xmlEscape(e.id)}">${data('n', nodeKeys, values)}</node>\n`);
        counts.entities++;
      }
    } else {
      for (const r of batch.relationships) {
        const values = {
          ...r.properties, label: r.type, type: r.type, role: r.role, validFrom: r.validFrom, validTo: r.validTo, strength: r.strength,
          source: r.source, externalId: r.externalId,
        };
        await write(
          out,
          `    <edge id="${xmlEscape(r.id)}" source="${xmlEscape(r.fromId)}" target="${xmlEscape(r.toId)}">${data('e', edgeKeys, values)}</edge>\n`,
        );
        counts.relationships++;
      }
    }
  };
  if (!first.done) await handle(first.value);
  for await (const batch of records) await handle(batch);
  await write(out, '  </graph>\n</graphml>\n');
  await end(out);
  return counts;
}
