/**
 * Writes an export in one of four formats:
 * - `json`: `{"format":"xrm-graph","version":1,"metamodel":{kinds,relationshipTypes},"entities":[…],"relationships":[…]}`
 * - `ndjson`: one record per line: `{"record":"kind",…}`, `{"record":"relationshipType",…}`,
 *   then `{"record":"entity",…}`, then `{"record":"relationship",…}`
 * - `csv`: two files, `entities.csv` and `relationships.csv`, one column per property
 * - `graphml`: GraphML 1.0 with `<key>`s for labels, system fields and every property
 *   (opens in Gephi and yEd; node and edge labels in the `label` key)
 * `json` and `ndjson` are the xrm export format: `xrm import` reads them back without a
 * mapping and reproduces the graph, ids included.
 */
import type { Writable } from 'node:stream';
import { PropertyType, type MetamodelReader } from '../metamodel/metamodel.types';
import type { ExportedEntity, ExportedRelationship, ExportScope, ExportService } from './export.service';

export const EXPORT_FORMATS = ['json', 'ndjson', 'csv', 'graphml'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Where an export goes: one stream, or (csv) one per file name. */
export interface ExportSink {
  open(name: 'main' | 'entities.csv' | 'relationships.csv'): Writable;
}

export interface ExportCounts {
  entities: number;
  relationships: number;
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
  const counts = { entities: 0, relationships: 0 };
  const records = service.records(scope);
  const first = await records.next(); // fails on a bad scope before anything is written
  const metamodel = await service.metamodelDefinitions();
  await write(
    out,
    `{"format":"xrm-graph","version":1,"exportedAt":${JSON.stringify(new Date().toISOString())},"metamodel":${JSON.stringify(metamodel)},"entities":[`,
  );
  let section: 'entities' | 'relationships' = 'entities';
  const handle = async (batch: { entities: ExportedEntity[] } | { relationships: ExportedRelationship[] }) => {
    if ('entities' in batch) {
      for (const e of batch.entities) await write(out, `${counts.entities++ === 0 ? '\n' : ',\n'}${JSON.stringify(e)}`);
    } else {
      if (section === 'entities') {
        await write(out, '\n],"relationships":[');
        section = 'relationships';
      }
      for (const r of batch.relationships) await write(out, `${counts.relationships++ === 0 ? '\n' : ',\n'}${JSON.stringify(r)}`);
    }
  };
  if (!first.done) await handle(first.value);
  for await (const batch of records) await handle(batch);
  await write(out, section === 'entities' ? '\n],"relationships":[\n]}\n' : '\n]}\n');
  await end(out);
  return counts;
}

async function writeNdjson(service: ExportService, scope: ExportScope, out: Writable): Promise<ExportCounts> {
  const counts = { entities: 0, relationships: 0 };
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
    if ('entities' in batch) {
      for (const e of batch.entities) {
        await write(out, `${JSON.stringify({ record: 'entity', ...e })}\n`);
        counts.entities++;
      }
    } else {
      for (const r of batch.relationships) {
        await write(out, `${JSON.stringify({ record: 'relationship', ...r })}\n`);
        counts.relationships++;
      }
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
  const counts = { entities: 0, relationships: 0 };
  const records = service.records(scope);
  const first = await records.next();
  const entities = sink.open('entities.csv');
  const relationships = sink.open('relationships.csv');
  const entityColumns = ['id', 'kind', 'category', 'name', 'source', 'externalId', 'version', 'createdAt', 'updatedAt'];
  const relColumns = ['id', 'type', 'fromId', 'toId', 'role', 'validFrom', 'validTo', 'strength', 'source', 'externalId', 'version', 'createdAt'];
  await write(entities, `${[...entityColumns, ...names.entity].join(',')}\n`);
  await write(relationships, `${[...relColumns, ...names.relationship].join(',')}\n`);
  const handle = async (batch: { entities: ExportedEntity[] } | { relationships: ExportedRelationship[] }) => {
    if ('entities' in batch) {
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
  return counts;
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
  const counts = { entities: 0, relationships: 0 };
  const handle = async (batch: { entities: ExportedEntity[] } | { relationships: ExportedRelationship[] }) => {
    if ('entities' in batch) {
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
