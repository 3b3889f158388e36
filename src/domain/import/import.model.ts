/**
 * What the import service takes and gives back. Rows arrive already mapped (a mapping
 * file, a GraphQL call or the demo generator turned the raw records into these shapes);
 * the service validates them against the metamodel and upserts them in one transaction
 * per batch.
 */
import type { ExportedBooking, ExportedTouchpoint } from '../export/export.service';

/** Where a row came from, so a rejection can name it (file and line, or index in a call). */
export interface RowRef {
  /** File name, `graphql` or `demo`. */
  file: string;
  /** 1-based line (CSV: the header is line 1) or position in the call. */
  line: number;
  /** The raw record as read, echoed into the reject file. */
  record?: Record<string, unknown>;
}

/** The key an import upserts by. */
export interface ImportKey {
  /** The system or file family the record comes from, e.g. `crm`, `ldbc-snb/person`. */
  source: string;
  /** The record's key in that source. */
  externalId: string;
}

/** An entity to create or update. */
export interface EntityImportRow {
  ref: RowRef;
  key: ImportKey;
  kind: string;
  name: string;
  /** Custom properties, already converted to the kind's property types. */
  properties: Record<string, unknown>;
  /**
   * Only for the xrm export format (key mode `id`): the id the entity keeps. The key is
   * then `{ source: 'xrm', externalId: id }` and is not stored.
   */
  id?: string;
  /** Only in key mode `id`: an import key the record carried when it was exported, stored again. */
  storedKey?: ImportKey;
}

/** A relationship to create or update. */
export interface RelationshipImportRow {
  ref: RowRef;
  /** The relationship's own key. */
  key: ImportKey;
  type: string;
  /** The import key of the source entity (in key mode `id`: externalId is the entity id). */
  from: ImportKey;
  to: ImportKey;
  role?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
  strength?: number | null;
  properties: Record<string, unknown>;
  /** Only in key mode `id`: the relationship id to keep. */
  id?: string;
  /** Only in key mode `id`: an import key the record carried when it was exported, stored again. */
  storedKey?: ImportKey;
}

/**
 * A touchpoint of the xrm export format (restored by id with its links; an existing id is
 * left as it is). Instants are normalised ISO-8601 strings.
 */
export type TouchpointImportRow = ExportedTouchpoint & { ref: RowRef };

/** A booking of the xrm export format (restored by id; an existing id is left as it is). */
export type BookingImportRow = ExportedBooking & { ref: RowRef };

/**
 * How rows are matched to stored records: `external` by `source` + `externalId` (stored
 * on the record); `id` by the record id itself (re-importing an xrm export).
 */
export type KeyMode = 'external' | 'id';

export interface ImportOptions {
  actor: string;
  /** Abort on the first bad row; the batch holding it is not written. Default false. */
  strict?: boolean;
  /** Default `external`. */
  keyMode?: KeyMode;
}

/** A row that was not imported, and why. */
export interface Rejection {
  ref: RowRef;
  reason: string;
}

/** What one committed batch did. */
export interface BatchResult {
  created: number;
  updated: number;
  unchanged: number;
  rejected: Rejection[];
  /** Ids of the records created or updated. */
  changedIds: string[];
}

/** Most rows one GraphQL import call may carry. */
export const MAX_GRAPHQL_IMPORT_ROWS = 1000;

/** Most subject ids an IMPORT_BATCH_COMMITTED event lists. */
export const MAX_EVENT_SUBJECT_IDS = 1000;

/** Empty batch result. */
export function emptyBatchResult(): BatchResult {
  return { created: 0, updated: 0, unchanged: 0, rejected: [], changedIds: [] };
}

/** Adds `b` into `a` (rejections and ids appended). */
export function addBatchResult(a: BatchResult, b: BatchResult): BatchResult {
  return {
    created: a.created + b.created,
    updated: a.updated + b.updated,
    unchanged: a.unchanged + b.unchanged,
    rejected: [...a.rejected, ...b.rejected],
    changedIds: [...a.changedIds, ...b.changedIds],
  };
}
