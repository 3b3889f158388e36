/**
 * The import as apps call it over GraphQL: one bounded batch of plain records, keyed by
 * the call's `source` and each record's `externalId`.
 */
import { BadUserInputError } from '../errors';
import type { EntityImportRow, ImportKey, RelationshipImportRow } from './import.model';
import { MAX_GRAPHQL_IMPORT_ROWS } from './import.model';

export interface EntityRecordInput {
  externalId: string;
  kind: string;
  name: string;
  properties?: Record<string, unknown> | null;
}

export interface RelationshipRecordInput {
  /** Default: `<from externalId>><TYPE>><to externalId>`. */
  externalId?: string | null;
  type: string;
  /** `source` defaults to the call's source. */
  from: { source?: string | null; externalId: string };
  to: { source?: string | null; externalId: string };
  role?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
  strength?: number | null;
  properties?: Record<string, unknown> | null;
}

/** @throws BadUserInputError for a blank source or more than MAX_GRAPHQL_IMPORT_ROWS rows. */
function checkCall(source: string, count: number): string {
  const trimmed = source.trim();
  if (trimmed === '') throw new BadUserInputError('source must not be blank', 'source');
  if (count > MAX_GRAPHQL_IMPORT_ROWS) {
    throw new BadUserInputError(`At most ${MAX_GRAPHQL_IMPORT_ROWS} rows per call; split the import into batches`, 'rows', {
      max: MAX_GRAPHQL_IMPORT_ROWS,
    });
  }
  return trimmed;
}

/** Entity records of one call as import rows; rejections name the row's index as `line`. */
export function entityRowsOfCall(source: string, records: readonly EntityRecordInput[]): EntityImportRow[] {
  const s = checkCall(source, records.length);
  return records.map((r, index) => ({
    ref: { file: 'rows', line: index },
    key: { source: s, externalId: r.externalId },
    kind: r.kind,
    name: r.name,
    properties: r.properties ?? {},
  }));
}

/** Relationship records of one call as import rows. */
export function relationshipRowsOfCall(source: string, records: readonly RelationshipRecordInput[]): RelationshipImportRow[] {
  const s = checkCall(source, records.length);
  const end = (k: { source?: string | null; externalId: string }): ImportKey => ({ source: k.source?.trim() || s, externalId: k.externalId });
  return records.map((r, index) => ({
    ref: { file: 'rows', line: index },
    key: { source: s, externalId: r.externalId ?? `${r.from.externalId}>${r.type}>${r.to.externalId}` },
    type: r.type,
    from: end(r.from),
    to: end(r.to),
    role: r.role ?? null,
    validFrom: r.validFrom ?? null,
    validTo: r.validTo ?? null,
    strength: r.strength ?? null,
    properties: r.properties ?? {},
  }));
}
