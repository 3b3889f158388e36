import { DomainEventType } from '../../events/domain-event';
import type { Emit, RecordedWrites } from '../../events/recorded-writes';
import type { GraphEngine, GraphTransaction } from '../../graph/graph-engine.port';
import type { CypherQuery, QueryCatalogue } from '../../graph/query-catalogue';
import { DomainError } from '../errors';
import type { MetamodelService } from '../metamodel/metamodel.service';
import { CATEGORY_LABEL, type EntityKind, type RelationshipType } from '../metamodel/metamodel.types';
import { validatePropertyValues } from '../metamodel/property-values';
import { checkEndpoints, checkValidity } from '../relationships/relationship-rules';
import { newRelationshipId, sourceOfRelationshipId } from '../relationships/relationship-record';
import { nowIso, normaliseInstant } from '../shared/clock';
import { newId } from '../shared/ids';
import type { DefineKindInput, DefineRelationshipTypeInput } from '../metamodel/metamodel.inputs';
import {
  MAX_EVENT_SUBJECT_IDS,
  type BatchResult,
  type EntityImportRow,
  type ImportKey,
  type ImportOptions,
  type Rejection,
  type RelationshipImportRow,
  type RowRef,
} from './import.model';
import { RowRejectedError } from './row-rejected.error';

const MAX_NAME_LENGTH = 500;
const MAX_ROLE_LENGTH = 200;

interface EntityRow extends Record<string, unknown> {
  entity: Record<string, unknown>;
}
interface RelRow extends Record<string, unknown> {
  relationship: Record<string, unknown>;
  type: string;
  fromId: string;
  toId: string;
}

/** A row that passed validation, ready for the store. */
interface ValidEntity {
  row: EntityImportRow;
  kind: EntityKind;
  values: Record<string, unknown>;
}

/** What the metamodel section of a mapping (or the demo) asks to exist. */
export interface MetamodelRequirements {
  kinds?: DefineKindInput[];
  relationshipTypes?: DefineRelationshipTypeInput[];
}

/** What ensureMetamodel did. */
export interface MetamodelSetupResult {
  kindsDefined: string[];
  relationshipTypesDefined: string[];
}

/**
 * Bulk upsert of entities and relationships. Each call is one batch and one write
 * transaction through RecordedWrites, which records one IMPORT_BATCH_COMMITTED event when
 * the batch changed anything. Rows are matched to stored records by import key
 * (`source` + `externalId`, stored on the record) or, in key mode `id`, by record id;
 * a row equal to what is stored changes nothing (no write, no version bump), so running
 * the same import twice leaves the graph as it was.
 *
 * Checked per row: kind / type registered and not deprecated, name, property values
 * against the schema, relationship endpoints (both ends exist; the type allows their
 * kinds; self relationships), validity and strength. Not checked: relationship
 * cardinality (a bulk load of history would trip it; see docs/import-export.md).
 */
export class ImportService {
  private readonly q: Record<
    'entitiesByKeys' | 'entitiesByIds' | 'updateEntities' | 'relationshipsByKeys' | 'relationshipsByIds' | 'updateRelationships',
    CypherQuery
  >;

  constructor(
    private readonly engine: GraphEngine,
    private readonly catalogue: QueryCatalogue,
    private readonly metamodel: MetamodelService,
    private readonly writes: RecordedWrites,
  ) {
    this.q = {
      entitiesByKeys: catalogue.get('import/entities-by-keys'),
      entitiesByIds: catalogue.get('import/entities-by-ids'),
      updateEntities: catalogue.get('import/update-entities'),
      relationshipsByKeys: catalogue.get('import/relationships-by-keys'),
      relationshipsByIds: catalogue.get('relationship/get-by-ids'),
      updateRelationships: catalogue.get('import/update-relationships'),
    };
    catalogue.render('import/create-entities', { CATEGORY: 'Stakeholder', KIND: 'Person' });
    catalogue.render('import/create-relationships', { TYPE: 'KNOWS' });
  }

  /**
   * Defines the kinds and relationship types that do not exist yet (existing ones are left
   * as they are, even when their definition differs).
   * @throws BadUserInputError for an invalid definition.
   */
  async ensureMetamodel(requirements: MetamodelRequirements, actor: string): Promise<MetamodelSetupResult> {
    const result: MetamodelSetupResult = { kindsDefined: [], relationshipTypesDefined: [] };
    for (const kind of requirements.kinds ?? []) {
      if (await this.metamodel.findKind(kind.name)) continue;
      await this.metamodel.defineKind(kind, actor);
      result.kindsDefined.push(kind.name);
    }
    for (const type of requirements.relationshipTypes ?? []) {
      if (await this.metamodel.findRelationshipType(type.name)) continue;
      await this.metamodel.defineRelationshipType(type, actor);
      result.relationshipTypesDefined.push(type.name);
    }
    return result;
  }

  /**
   * Upserts one batch of entities in one transaction.
   * @throws RowRejectedError (strict) on the first bad row; nothing of the batch is written.
   */
  async importEntities(rows: readonly EntityImportRow[], options: ImportOptions): Promise<BatchResult> {
    const { actor } = options;
    const rejected: Rejection[] = [];
    const reject = rejecter(rejected, options);
    const byId = options.keyMode === 'id';

    // Validate without I/O beyond the cached metamodel; the last row of a repeated key wins.
    const valid = new Map<string, ValidEntity>();
    for (const row of rows) {
      try {
        const kind = await this.metamodel.findKind(row.kind);
        if (!kind) throw new RowProblem(`unknown kind "${row.kind}"`);
        if (kind.deprecated) throw new RowProblem(`kind "${row.kind}" is deprecated and accepts no new records`);
        checkKey(row.key);
        const name = checkName(row.name);
        const values = validatePropertyValues(kind.properties, stripNulls(row.properties), { fieldPath: 'properties', partial: false });
        valid.set(byId ? (row.id ?? '') : keyString(row.key), { row, kind, values: { ...values, name } });
      } catch (error) {
        reject(row.ref, reasonOf(error));
      }
    }

    return this.writes.run('import.entities', actor, async (tx, emit) => {
      // The work may run again after a transient error (Neo4j): start from the pre-transaction rejections.
      const txRejected = [...rejected];
      const reject = rejecter(txRejected, options);
      const existing = await this.findEntities(tx, [...valid.keys()], byId);
      const toCreate = new Map<string, { props: Record<string, unknown> }[]>();
      const toUpdate: { id: string; changes: Record<string, unknown> }[] = [];
      const result: BatchResult = { created: 0, updated: 0, unchanged: 0, rejected: txRejected, changedIds: [] };
      for (const [key, { row, kind, values }] of valid) {
        const stored = existing.get(key);
        if (stored === undefined) {
          const id = byId && row.id ? row.id : newId();
          const keyProps = keyPropsOf(row, byId);
          const props = { ...values, ...keyProps, id, kind: kind.name, category: kind.category, version: 1, createdBy: actor, updatedBy: actor };
          const label = `${CATEGORY_LABEL[kind.category]}\u0000${kind.name}`;
          const list = toCreate.get(label) ?? [];
          list.push({ props });
          toCreate.set(label, list);
          result.created += 1;
          result.changedIds.push(id);
          continue;
        }
        if (stored.kind !== kind.name) {
          reject(row.ref, `record ${row.key.source}/${row.key.externalId} exists with kind "${String(stored.kind)}", not "${kind.name}"`);
          continue;
        }
        const changes = changedValues(stored, values);
        if (changes === undefined) {
          result.unchanged += 1;
        } else {
          toUpdate.push({ id: String(stored.id), changes });
          result.updated += 1;
          result.changedIds.push(String(stored.id));
        }
      }
      const now = nowIso();
      for (const [label, list] of toCreate) {
        const [category = '', kind = ''] = label.split('\u0000');
        await tx.run(this.catalogue.render('import/create-entities', { CATEGORY: category, KIND: kind }), { rows: list, now });
      }
      if (toUpdate.length > 0) await tx.run(this.q.updateEntities, { rows: toUpdate, actor, now });
      emitBatch(emit, 'ENTITIES', result);
      return result;
    });
  }

  /**
   * Upserts one batch of relationships in one transaction. Both ends must exist already
   * (import entity files first); a dangling end rejects the row.
   * @throws RowRejectedError (strict) on the first bad row; nothing of the batch is written.
   */
  async importRelationships(rows: readonly RelationshipImportRow[], options: ImportOptions): Promise<BatchResult> {
    const { actor } = options;
    const byId = options.keyMode === 'id';
    const rejected: Rejection[] = [];
    const reject = rejecter(rejected, options);

    interface Checked {
      row: RelationshipImportRow;
      type: RelationshipType;
      validFrom: string | null;
      validTo: string | null;
      values: Record<string, unknown>;
    }
    const checked: Checked[] = [];
    for (const row of rows) {
      try {
        const type = await this.metamodel.findRelationshipType(row.type);
        if (!type) throw new RowProblem(`unknown relationship type "${row.type}"`);
        if (type.deprecated) throw new RowProblem(`relationship type "${row.type}" is deprecated`);
        checkKey(row.key);
        checkKey(row.from, 'source key');
        checkKey(row.to, 'target key');
        if (row.strength != null && !(row.strength >= 0 && row.strength <= 1)) throw new RowProblem('strength must be between 0 and 1');
        if (row.role != null && row.role.length > MAX_ROLE_LENGTH) throw new RowProblem(`role may be at most ${MAX_ROLE_LENGTH} characters`);
        const validity = checkValidity(row.validFrom ?? null, row.validTo ?? null);
        const values = validatePropertyValues(type.properties, stripNulls(row.properties), { fieldPath: 'properties', partial: false });
        checked.push({ row, type, ...validity, values });
      } catch (error) {
        reject(row.ref, reasonOf(error));
      }
    }

    return this.writes.run('import.relationships', actor, async (tx, emit) => {
      const txRejected = [...rejected];
      const reject = rejecter(txRejected, options);
      const endKeys = new Set<string>();
      for (const { row } of checked) {
        endKeys.add(byId ? row.from.externalId : keyString(row.from));
        endKeys.add(byId ? row.to.externalId : keyString(row.to));
      }
      const ends = await this.findEntities(tx, [...endKeys], byId);
      const result: BatchResult = { created: 0, updated: 0, unchanged: 0, rejected: txRejected, changedIds: [] };

      interface Resolved extends Checked {
        fromId: string;
        toId: string;
      }
      const resolved = new Map<string, Resolved>();
      for (const item of checked) {
        const { row, type } = item;
        const from = ends.get(byId ? row.from.externalId : keyString(row.from));
        const to = ends.get(byId ? row.to.externalId : keyString(row.to));
        if (!from) {
          reject(row.ref, `dangling relationship: no entity with key ${row.from.source}/${row.from.externalId} (source end)`);
          continue;
        }
        if (!to) {
          reject(row.ref, `dangling relationship: no entity with key ${row.to.source}/${row.to.externalId} (target end)`);
          continue;
        }
        const fromId = String(from.id);
        const toId = String(to.id);
        if (fromId === toId && !type.allowSelf) {
          reject(row.ref, `${type.name} does not allow relating a record to itself`);
          continue;
        }
        const [fromKind, toKind] = await Promise.all([this.metamodel.findKind(String(from.kind)), this.metamodel.findKind(String(to.kind))]);
        try {
          if (!fromKind || !toKind) throw new RowProblem('an end has a kind that no longer exists');
          checkEndpoints(type, fromKind, toKind);
        } catch (error) {
          reject(row.ref, reasonOf(error));
          continue;
        }
        resolved.set(byId ? (row.id ?? '') : `${fromId}\u0000${keyString(row.key)}`, { ...item, fromId, toId });
      }

      const existing = await this.findRelationships(tx, resolved, byId);
      const toCreate = new Map<string, Record<string, unknown>[]>();
      const toUpdate: Record<string, unknown>[] = [];
      for (const [key, item] of resolved) {
        const { row, type, fromId, toId, validFrom, validTo, values } = item;
        const stored = existing.get(key);
        const managed = { ...values, role: normaliseRole(row.role), strength: row.strength ?? null };
        if (stored === undefined) {
          const id = byId && row.id ? row.id : newRelationshipId(fromId, newId());
          const keyProps = keyPropsOf(row, byId);
          const list = toCreate.get(type.name) ?? [];
          list.push({
            fromId,
            toId,
            validFrom,
            validTo,
            props: { ...managed, ...keyProps, id, version: 1, createdBy: actor, updatedBy: actor },
          });
          toCreate.set(type.name, list);
          result.created += 1;
          result.changedIds.push(id);
          continue;
        }
        if (stored.type !== type.name || stored.toId !== toId) {
          reject(row.ref, `relationship ${row.key.source}/${row.key.externalId} exists as ${stored.type} to another entity`);
          continue;
        }
        const changes = changedValues(stored.relationship, managed);
        const sameValidity =
          sameInstant(stored.relationship.validFrom, validFrom) && sameInstant(stored.relationship.validTo, validTo);
        if (changes === undefined && sameValidity) {
          result.unchanged += 1;
          continue;
        }
        const id = String(stored.relationship.id);
        toUpdate.push({ id, fromId, changes: changes ?? {}, validFrom, validTo });
        result.updated += 1;
        result.changedIds.push(id);
      }
      const now = nowIso();
      for (const [typeName, list] of toCreate) {
        await tx.run(this.catalogue.render('import/create-relationships', { TYPE: typeName }), { rows: list, now });
      }
      if (toUpdate.length > 0) await tx.run(this.q.updateRelationships, { rows: toUpdate, actor, now });
      emitBatch(emit, 'RELATIONSHIPS', result);
      return result;
    });
  }

  /**
   * The ids of the entities holding these import keys (read-only; keys without an entity
   * are absent from the map, which is keyed by `keyString`).
   */
  async idsByKeys(keys: readonly ImportKey[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (let i = 0; i < keys.length; i += 5000) {
      const rows = await this.engine.read<EntityRow>(this.q.entitiesByKeys, { keys: keys.slice(i, i + 5000) });
      for (const { entity } of rows) out.set(keyString({ source: String(entity.source), externalId: String(entity.externalId) }), String(entity.id));
    }
    return out;
  }

  /** Stored entities by the batch's keys (`source\0externalId`, or ids in key mode `id`). */
  private async findEntities(tx: GraphTransaction, keys: string[], byId: boolean): Promise<Map<string, Record<string, unknown>>> {
    const out = new Map<string, Record<string, unknown>>();
    if (keys.length === 0) return out;
    if (byId) {
      const rows = await tx.run<EntityRow>(this.q.entitiesByIds, { ids: keys });
      for (const { entity } of rows) out.set(String(entity.id), entity);
      return out;
    }
    const params = keys.map(parseKeyString);
    const rows = await tx.run<EntityRow>(this.q.entitiesByKeys, { keys: params });
    for (const { entity } of rows) out.set(keyString({ source: String(entity.source), externalId: String(entity.externalId) }), entity);
    return out;
  }

  private async findRelationships(
    tx: GraphTransaction,
    wanted: Map<string, { row: RelationshipImportRow; fromId: string }>,
    byId: boolean,
  ): Promise<Map<string, RelRow>> {
    const out = new Map<string, RelRow>();
    if (wanted.size === 0) return out;
    if (byId) {
      const keys = [...wanted.keys()].flatMap((id) => {
        const fromId = sourceOfRelationshipId(id);
        return fromId === undefined ? [] : [{ id, fromId }];
      });
      const rows = await tx.run<RelRow>(this.q.relationshipsByIds, { keys });
      for (const row of rows) out.set(String(row.relationship.id), row);
      return out;
    }
    const keys = [...wanted.values()].map(({ row, fromId }) => ({ fromId, ...row.key }));
    const rows = await tx.run<RelRow>(this.q.relationshipsByKeys, { keys });
    for (const row of rows) {
      const key = { source: String(row.relationship.source), externalId: String(row.relationship.externalId) };
      out.set(`${row.fromId}\u0000${keyString(key)}`, row);
    }
    return out;
  }
}

/** The import key stored on a new record: its key, or in key mode `id` the key it was exported with. */
function keyPropsOf(row: { key: ImportKey; storedKey?: ImportKey }, byId: boolean): Partial<ImportKey> {
  const key = byId ? row.storedKey : row.key;
  return key ? { source: key.source, externalId: key.externalId } : {};
}

/** Records a rejection, or throws RowRejectedError in a strict import. */
function rejecter(list: Rejection[], options: ImportOptions): (ref: RowRef, reason: string) => void {
  return (ref, reason) => {
    const rejection = { ref, reason };
    if (options.strict) throw new RowRejectedError(rejection);
    list.push(rejection);
  };
}

/** A problem with one row (becomes its rejection reason). */
class RowProblem extends Error {}

function reasonOf(error: unknown): string {
  if (error instanceof RowProblem || error instanceof DomainError) {
    const field = error instanceof DomainError && typeof error.details.field === 'string' ? ` (${error.details.field})` : '';
    return `${error.message}${field}`;
  }
  throw error;
}

function checkKey(key: ImportKey, what = 'key'): void {
  if (typeof key.source !== 'string' || key.source.trim() === '') throw new RowProblem(`missing ${what}: no source`);
  if (typeof key.externalId !== 'string' || key.externalId.trim() === '') throw new RowProblem(`missing ${what}`);
}

function checkName(name: unknown): string {
  if (typeof name !== 'string' || name.trim() === '') throw new RowProblem('missing name');
  const trimmed = name.trim();
  if (trimmed.length > MAX_NAME_LENGTH) throw new RowProblem(`name longer than ${MAX_NAME_LENGTH} characters`);
  return trimmed;
}

function normaliseRole(role: string | null | undefined): string | null {
  if (role == null) return null;
  const trimmed = role.trim();
  return trimmed === '' ? null : trimmed;
}

/** `source\0externalId`: the map key of an import key. */
export function keyString(key: ImportKey): string {
  return `${key.source}\u0000${key.externalId}`;
}

function parseKeyString(value: string): ImportKey {
  const at = value.indexOf('\u0000');
  return { source: value.slice(0, at), externalId: value.slice(at + 1) };
}

function stripNulls(values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) if (v !== null && v !== undefined) out[k] = v;
  return out;
}

/**
 * The values that differ from the stored record, or undefined when none does. A value
 * the row leaves out stays as stored (an upsert sets, it does not remove).
 */
function changedValues(stored: Record<string, unknown>, values: Record<string, unknown>): Record<string, unknown> | undefined {
  const changes: Record<string, unknown> = {};
  let any = false;
  for (const [name, value] of Object.entries(values)) {
    if (value === null && (stored[name] === null || stored[name] === undefined)) continue;
    if (!sameValue(stored[name], value)) {
      changes[name] = value;
      any = true;
    }
  }
  return any ? changes : undefined;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  return a === b;
}

function sameInstant(stored: unknown, value: string | null): boolean {
  if (value === null) return stored === null || stored === undefined;
  return typeof stored === 'string' && normaliseInstant(stored) === value;
}

function emitBatch(emit: Emit, records: 'ENTITIES' | 'RELATIONSHIPS', result: BatchResult): void {
  if (result.created + result.updated === 0) return;
  emit({
    type: DomainEventType.IMPORT_BATCH_COMMITTED,
    subjectIds: result.changedIds.slice(0, MAX_EVENT_SUBJECT_IDS),
    payload: {
      records,
      created: result.created,
      updated: result.updated,
      unchanged: result.unchanged,
      rejected: result.rejected.length,
      subjectIdsTruncated: result.changedIds.length > MAX_EVENT_SUBJECT_IDS,
    },
  });
}
