/**
 * Applies one file's mapping to raw records: raw record → EntityImportRow /
 * RelationshipImportRow, or the reason it cannot be imported. Pure: the metamodel comes
 * in as a snapshot.
 */
import { PropertyType, type EntityKind, type PropertyDefinition, type RelationshipType } from '../metamodel/metamodel.types';
import type { EntityFileMapping, RelationshipFileMapping, ValueSpec } from './import-mapping';
import type { EntityImportRow, RelationshipImportRow, RowRef } from './import.model';
import { ConversionError, convertValue, scalarText, type ConversionOptions } from './value-conversion';

/** The metamodel as the mapper needs it. */
export interface MetamodelSnapshot {
  kinds: ReadonlyMap<string, EntityKind>;
  relationshipTypes: ReadonlyMap<string, RelationshipType>;
}

export type MapResult<T> = { ok: true; row: T } | { ok: false; reason: string };

type RawRecord = Record<string, unknown>;

/** Reads a column; `a.b` reaches into nested JSON objects when there is no column literally named so. */
export function readColumn(record: RawRecord, column: string): unknown {
  if (column in record) return record[column];
  if (!column.includes('.')) return undefined;
  let value: unknown = record;
  for (const part of column.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as RawRecord)[part];
  }
  return value;
}

function text(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  const s = scalarText(value).trim();
  return s === '' ? undefined : s;
}

function readSpec(record: RawRecord, spec: ValueSpec): unknown {
  if (!('value' in spec) || spec.value === undefined) return readColumn(record, spec.column ?? '');
  return spec.value;
}

function conversionOf(spec: ValueSpec): ConversionOptions {
  const options: ConversionOptions = {};
  if ('format' in spec && spec.format !== undefined) options.format = spec.format;
  if ('separator' in spec && spec.separator !== undefined) options.separator = spec.separator;
  return options;
}

function convertProperties(
  record: RawRecord,
  specs: Record<string, ValueSpec> | undefined,
  schema: readonly PropertyDefinition[],
  owner: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs ?? {})) {
    const definition = schema.find((d) => d.name === name);
    const type = ('type' in spec ? spec.type : undefined) ?? definition?.type;
    if (type === undefined) throw new ConversionError(`${owner} has no property "${name}"`);
    try {
      const value = convertValue(readSpec(record, spec), type, conversionOf(spec));
      if (value !== null) out[name] = value;
    } catch (error) {
      if (error instanceof ConversionError) throw new ConversionError(`property ${name}: ${error.message}`);
      throw error;
    }
  }
  return out;
}

/** Maps a record of an entity file. */
export function mapEntityRecord(
  record: RawRecord,
  ref: RowRef,
  mapping: EntityFileMapping,
  defaultSource: string,
  metamodel: MetamodelSnapshot,
): MapResult<EntityImportRow> {
  const externalId = text(readColumn(record, mapping.key));
  if (externalId === undefined) return { ok: false, reason: `missing key (column "${mapping.key}")` };
  let kindName = mapping.kind;
  if (kindName === undefined) {
    const raw = text(readColumn(record, mapping.kindColumn ?? ''));
    if (raw === undefined) return { ok: false, reason: `missing kind (column "${mapping.kindColumn ?? ''}")` };
    kindName = mapping.kindMap?.[raw] ?? raw;
  }
  const kind = metamodel.kinds.get(kindName);
  if (!kind) return { ok: false, reason: `unknown kind "${kindName}"` };
  const name =
    mapping.name !== undefined
      ? text(readColumn(record, mapping.name))
      : text((mapping.nameTemplate ?? '').replace(/\{([^}]+)\}/g, (_m, c: string) => text(readColumn(record, c)) ?? '').trim());
  if (name === undefined) return { ok: false, reason: `missing name${mapping.name ? ` (column "${mapping.name}")` : ''}` };
  try {
    const properties = convertProperties(record, mapping.properties, kind.properties, `kind ${kind.name}`);
    return {
      ok: true,
      row: { ref, key: { source: mapping.source ?? defaultSource, externalId }, kind: kind.name, name, properties },
    };
  } catch (error) {
    if (error instanceof ConversionError) return { ok: false, reason: error.message };
    throw error;
  }
}

/** Maps a record of a relationship file. */
export function mapRelationshipRecord(
  record: RawRecord,
  ref: RowRef,
  mapping: RelationshipFileMapping,
  defaultSource: string,
  metamodel: MetamodelSnapshot,
): MapResult<RelationshipImportRow> {
  const fromKey = text(readColumn(record, mapping.from.column));
  if (fromKey === undefined) return { ok: false, reason: `missing source key (column "${mapping.from.column}")` };
  const toKey = text(readColumn(record, mapping.to.column));
  if (toKey === undefined) return { ok: false, reason: `missing target key (column "${mapping.to.column}")` };
  let typeName = mapping.type;
  if (typeName === undefined) {
    const raw = text(readColumn(record, mapping.typeColumn ?? ''));
    if (raw === undefined) return { ok: false, reason: `missing type (column "${mapping.typeColumn ?? ''}")` };
    typeName = mapping.typeMap?.[raw] ?? raw;
  }
  const type = metamodel.relationshipTypes.get(typeName);
  if (!type) return { ok: false, reason: `unknown relationship type "${typeName}"` };
  const source = mapping.source ?? defaultSource;
  let externalId: string | undefined;
  if (mapping.key !== undefined) {
    externalId = text(readColumn(record, mapping.key));
    if (externalId === undefined) return { ok: false, reason: `missing key (column "${mapping.key}")` };
  } else {
    externalId = `${fromKey}>${type.name}>${toKey}`;
  }
  try {
    const scalar = (spec: ValueSpec | undefined, t: PropertyType, field: string): unknown => {
      if (spec === undefined) return null;
      try {
        return convertValue(readSpec(record, spec), t, conversionOf(spec));
      } catch (error) {
        if (error instanceof ConversionError) throw new ConversionError(`${field}: ${error.message}`);
        throw error;
      }
    };
    const role = scalar(mapping.role, PropertyType.STRING, 'role') as string | null;
    const validFrom = scalar(mapping.validFrom, PropertyType.DATETIME, 'validFrom') as string | null;
    const validTo = scalar(mapping.validTo, PropertyType.DATETIME, 'validTo') as string | null;
    const strength = scalar(mapping.strength, PropertyType.FLOAT, 'strength') as number | null;
    const properties = convertProperties(record, mapping.properties, type.properties, `type ${type.name}`);
    return {
      ok: true,
      row: {
        ref,
        key: { source, externalId },
        type: type.name,
        from: { source: mapping.from.source ?? defaultSource, externalId: fromKey },
        to: { source: mapping.to.source ?? defaultSource, externalId: toKey },
        role,
        validFrom,
        validTo,
        strength,
        properties,
      },
    };
  } catch (error) {
    if (error instanceof ConversionError) return { ok: false, reason: error.message };
    throw error;
  }
}
