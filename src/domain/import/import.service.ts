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
  type TouchpointImportRow,
  type BookingImportRow,
} from './import.model';
import { newEntityParams, type NewEntity } from './new-entities';
import { NewRelationshipsByType } from './new-relationships';
import { RelationshipKeyLedger, type CreatedKey } from './relationship-key-ledger';
import { RowRejectedError } from './row-rejected.error';

const MAX_NAME_LENGTH = 500;
const MAX_ROLE_LENGTH = 200;

interface EntityRow extends Record<string, unknown> {
  entity: Record<string, unknown>;
}
/** Most ends ImportService.knownEnds holds (≈ 200 bytes each); it starts over when full. */
const MAX_KNOWN_ENDS = 250_000;

interface End {
  id: string;
  kind: string;
}

/** A batch relied on a remembered end that no longer exists: run it again without them. */
class StaleEndsError extends Error {}

interface EndRow extends Record<string, unknown> {
  id: string;
  kind: string;
  source?: string;
  externalId?: string;
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

/** A relationship row that passed the checks of prepareRelationships; the ends are set in the transaction. */
interface CheckedRelationship {
  row: RelationshipImportRow;
  type: RelationshipType;
  validFrom: string | null;
  validTo: string | null;
  values: Record<string, unknown>;
  fromKey: string;
  toKey: string;
  fromId: string;
  toId: string;
}

const PREPARED = Symbol('prepared batch');

/** An entity batch checked by ImportService.prepareEntities, for writeEntities. */
export interface PreparedEntities {
  readonly [PREPARED]: { options: ImportOptions; valid: Map<string, ValidEntity>; rejected: Rejection[] };
}

/** A relationship batch checked by ImportService.prepareRelationships, for writeRelationships. */
export interface PreparedRelationships {
  readonly [PREPARED]: { options: ImportOptions; checked: CheckedRelationship[]; rejected: Rejection[] };
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
  /**
   * Relationship ends this process resolved or created before (import key → id and kind),
   * so a relationship batch looks up only the keys it has not seen. Never trusted blindly:
   * a batch that used it checks that its CREATE made one relationship per row, and on a
   * shortfall (an end was deleted meanwhile) rolls back and runs again without it. Kinds
   * never change, so a known end's kind stays right while its id exists.
   */
  private readonly knownEnds = new Map<string, End>();

  /** Relationship keys that may exist, for sources this process verified empty (see the class). */
  private readonly keyLedger = new RelationshipKeyLedger();

  private readonly q: Record<
    | 'entitiesByKeys'
    | 'entitiesByIds'
    | 'endsByKeys'
    | 'endsByIds'
    | 'updateEntities'
    | 'relationshipsByKeys'
    | 'sourceHasRelationships'
    | 'relationshipsByIds'
    | 'updateRelationships'
    | 'touchpointIds'
    | 'createTouchpoints'
    | 'linkTouchpoints'
    | 'bookingIds'
    | 'createBookings',
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
      endsByKeys: catalogue.get('import/entity-ends-by-keys'),
      endsByIds: catalogue.get('import/entity-ends-by-ids'),
      updateEntities: catalogue.get('import/update-entities'),
      relationshipsByKeys: catalogue.get('import/relationships-by-keys'),
      sourceHasRelationships: catalogue.get('import/source-has-relationships'),
      relationshipsByIds: catalogue.get('relationship/get-by-ids'),
      updateRelationships: catalogue.get('import/update-relationships'),
      touchpointIds: catalogue.get('import/touchpoint-ids'),
      createTouchpoints: catalogue.get('import/create-touchpoints'),
      linkTouchpoints: catalogue.get('touchpoint/link-many'),
      bookingIds: catalogue.get('import/booking-ids'),
      createBookings: catalogue.get('import/create-bookings'),
    };
    catalogue.render('import/create-entities', { CATEGORY: 'Stakeholder', KIND: 'Person' });
    catalogue.render('import/create-relationships', { TYPE: 'KNOWS' });
    catalogue.render('import/create-relationships-with-properties', { TYPE: 'KNOWS' });
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
   * Upserts one batch of entities in one transaction. The same as
   * `writeEntities(await prepareEntities(rows, options))`.
   * @throws RowRejectedError (strict) on the first bad row; nothing of the batch is written.
   */
  async importEntities(rows: readonly EntityImportRow[], options: ImportOptions): Promise<BatchResult> {
    return this.writeEntities(await this.prepareEntities(rows, options));
  }

  /**
   * The checks of an entity batch that need no transaction: kinds, keys, names, values.
   * An import prepares batch n+1 while batch n is written, then writes them in order.
   * @throws RowRejectedError (strict) on the first bad row.
   */
  async prepareEntities(rows: readonly EntityImportRow[], options: ImportOptions): Promise<PreparedEntities> {
    const rejected: Rejection[] = [];
    const reject = rejecter(rejected, options);
    const byId = options.keyMode === 'id';
    // The metamodel is resolved once per distinct kind, so the row loop runs without awaits.
    const kinds = await this.resolve(rows, (row) => row.kind, (name) => this.metamodel.findKind(name));

    // Validate without I/O; the last row of a repeated key wins.
    const valid = new Map<string, ValidEntity>();
    for (const row of rows) {
      try {
        const kind = kinds.get(row.kind);
        if (!kind) throw new RowProblem(`unknown kind "${row.kind}"`);
        if (kind.deprecated) throw new RowProblem(`kind "${row.kind}" is deprecated and accepts no new records`);
        checkKey(row.key);
        const name = checkName(row.name);
        const values = validatePropertyValues(kind.properties, stripNulls(row.properties), { fieldPath: 'properties', partial: false });
        values.name = name;
        valid.set(byId ? (row.id ?? '') : keyString(row.key), { row, kind, values });
      } catch (error) {
        reject(row.ref, reasonOf(error));
      }
    }
    return { [PREPARED]: { options, valid, rejected } };
  }

  /**
   * Writes a prepared entity batch in one transaction: finds the stored records, creates,
   * updates, records the event.
   * @throws RowRejectedError (strict) on the first bad row; nothing of the batch is written.
   */
  async writeEntities(prepared: PreparedEntities): Promise<BatchResult> {
    const { options, valid, rejected } = prepared[PREPARED];
    const { actor } = options;
    const byId = options.keyMode === 'id';
    let seen: [string, End][] = [];
    let markBefore: string | undefined;
    const result = await this.writes.run('import.entities', actor, async (tx, emit) => {
      // The work may run again after a transient error (Neo4j): start from the pre-transaction rejections.
      seen = [];
      markBefore = this.engine.writeMark?.();
      const txRejected = [...rejected];
      const reject = rejecter(txRejected, options);
      const existing = await this.findEntities(tx, [...valid.keys()], byId);
      const toCreate = new Map<EntityKind, NewEntity[]>();
      const toUpdate: { id: string; changes: Record<string, unknown> }[] = [];
      const result: BatchResult = { created: 0, updated: 0, unchanged: 0, rejected: txRejected, changedIds: [] };
      for (const [key, { row, kind, values }] of valid) {
        const stored = existing.get(key);
        if (stored === undefined) {
          const id = byId && row.id ? row.id : newId();
          // version, createdBy/updatedBy and the timestamps are set once by the query.
          const { name, ...properties } = values;
          const keyProps = byId ? row.storedKey : row.key;
          if (!byId) seen.push([key, { id, kind: kind.name }]);
          let list = toCreate.get(kind);
          if (!list) toCreate.set(kind, (list = []));
          list.push({ id, name: String(name), source: keyProps?.source ?? null, externalId: keyProps?.externalId ?? null, properties });
          result.created += 1;
          result.changedIds.push(id);
          continue;
        }
        if (stored.kind !== kind.name) {
          reject(row.ref, `record ${row.key.source}/${row.key.externalId} exists with kind "${String(stored.kind)}", not "${kind.name}"`);
          continue;
        }
        if (!byId) seen.push([key, { id: String(stored.id), kind: kind.name }]);
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
      for (const [kind, list] of toCreate) {
        const query = this.catalogue.render('import/create-entities', { CATEGORY: CATEGORY_LABEL[kind.category], KIND: kind.name });
        await tx.run(query, { ...newEntityParams(list), kind: kind.name, category: kind.category, actor, now });
      }
      if (toUpdate.length > 0) await tx.run(this.q.updateEntities, { rows: toUpdate, actor, now });
      emitBatch(emit, 'ENTITIES', result);
      return result;
    });
    this.remember(seen); // committed
    // An entity batch creates no relationship: the ledger stays exact over it.
    this.keyLedger.committed(markBefore, this.engine.writeMark?.(), []);
    return result;
  }

  /**
   * Upserts one batch of relationships in one transaction. Both ends must exist already
   * (import entity files first); a dangling end rejects the row. The same as
   * `writeRelationships(await prepareRelationships(rows, options))`.
   * @throws RowRejectedError (strict) on the first bad row; nothing of the batch is written.
   */
  async importRelationships(rows: readonly RelationshipImportRow[], options: ImportOptions): Promise<BatchResult> {
    return this.writeRelationships(await this.prepareRelationships(rows, options));
  }

  /**
   * The checks of a relationship batch that need no transaction: types, keys, values,
   * validity. An import prepares batch n+1 while batch n is written (the engine works off
   * the JS thread on Grafeo), then writes them in order.
   * @throws RowRejectedError (strict) on the first bad row.
   */
  async prepareRelationships(rows: readonly RelationshipImportRow[], options: ImportOptions): Promise<PreparedRelationships> {
    const byId = options.keyMode === 'id';
    const rejected: Rejection[] = [];
    const reject = rejecter(rejected, options);
    const types = await this.resolve(rows, (row) => row.type, (name) => this.metamodel.findRelationshipType(name));
    const checked: CheckedRelationship[] = [];
    for (const row of rows) {
      try {
        const type = types.get(row.type);
        if (!type) throw new RowProblem(`unknown relationship type "${row.type}"`);
        if (type.deprecated) throw new RowProblem(`relationship type "${row.type}" is deprecated`);
        checkKey(row.key);
        checkKey(row.from, 'source key');
        checkKey(row.to, 'target key');
        if (row.strength != null && !(row.strength >= 0 && row.strength <= 1)) throw new RowProblem('strength must be between 0 and 1');
        if (row.role != null && row.role.length > MAX_ROLE_LENGTH) throw new RowProblem(`role may be at most ${MAX_ROLE_LENGTH} characters`);
        const { validFrom, validTo } = checkValidity(row.validFrom ?? null, row.validTo ?? null);
        const values = validatePropertyValues(type.properties, stripNulls(row.properties), { fieldPath: 'properties', partial: false });
        const fromKey = byId ? row.from.externalId : keyString(row.from);
        const toKey = byId ? row.to.externalId : keyString(row.to);
        checked.push({ row, type, validFrom, validTo, values, fromKey, toKey, fromId: '', toId: '' });
      } catch (error) {
        reject(row.ref, reasonOf(error));
      }
    }
    return { [PREPARED]: { options, checked, rejected } };
  }

  /**
   * Writes a prepared relationship batch in one transaction: resolves the ends, finds the
   * stored relationships, creates, updates, records the event.
   * @throws RowRejectedError (strict) on the first bad row; nothing of the batch is written.
   */
  async writeRelationships(prepared: PreparedRelationships): Promise<BatchResult> {
    const { options, checked, rejected } = prepared[PREPARED];
    const { actor } = options;
    const byId = options.keyMode === 'id';
    const endKeys = new Set<string>();
    for (const item of checked) {
      endKeys.add(item.fromKey);
      endKeys.add(item.toKey);
    }
    const endKinds = new Map<string, EntityKind | undefined>();
    /** The ends this batch looked up (the others it knew already). */
    let foundEnds = new Map<string, End>();
    let markBefore: string | undefined;
    let createdKeys: CreatedKey[] = [];

    const attempt = (useKnownEnds: boolean) => this.writes.run('import.relationships', actor, async (tx, emit) => {
      const txRejected = [...rejected];
      const reject = rejecter(txRejected, options);
      markBefore = this.engine.writeMark?.();
      createdKeys = [];
      if (!byId) this.keyLedger.check(markBefore);
      const ends = new Map<string, End>();
      const unknown: string[] = [];
      for (const key of endKeys) {
        const known = useKnownEnds ? this.knownEnds.get(key) : undefined;
        if (known) ends.set(key, known);
        else unknown.push(key);
      }
      const usedKnownEnds = unknown.length < endKeys.size;
      foundEnds = await this.findEnds(tx, unknown, byId);
      for (const [key, end] of foundEnds) ends.set(key, end);
      // Kinds of the ends, resolved once per distinct kind (they may postdate the batch's snapshot).
      for (const end of ends.values()) {
        if (!endKinds.has(end.kind)) endKinds.set(end.kind, await this.metamodel.findKind(end.kind));
      }
      const result: BatchResult = { created: 0, updated: 0, unchanged: 0, rejected: txRejected, changedIds: [] };

      const resolved = new Map<string, CheckedRelationship>();
      for (const item of checked) {
        const { row, type } = item;
        const from = ends.get(item.fromKey);
        const to = ends.get(item.toKey);
        if (!from) {
          reject(row.ref, `dangling relationship: no entity with key ${row.from.source}/${row.from.externalId} (source end)`);
          continue;
        }
        if (!to) {
          reject(row.ref, `dangling relationship: no entity with key ${row.to.source}/${row.to.externalId} (target end)`);
          continue;
        }
        if (from.id === to.id && !type.allowSelf) {
          reject(row.ref, `${type.name} does not allow relating a record to itself`);
          continue;
        }
        const fromKind = endKinds.get(from.kind);
        const toKind = endKinds.get(to.kind);
        try {
          if (!fromKind || !toKind) throw new RowProblem('an end has a kind that no longer exists');
          checkEndpoints(type, fromKind, toKind);
        } catch (error) {
          reject(row.ref, reasonOf(error));
          continue;
        }
        item.fromId = from.id;
        item.toId = to.id;
        resolved.set(byId ? (row.id ?? '') : `${from.id}\u0000${keyString(row.key)}`, item);
      }

      const existing = await this.findRelationships(tx, await this.mayExist(tx, resolved, byId), byId);
      const toCreate = new NewRelationshipsByType();
      const toUpdate: Record<string, unknown>[] = [];
      for (const [key, item] of resolved) {
        const { row, type, fromId, toId, validFrom, validTo, values } = item;
        const stored = existing.get(key);
        const role = normaliseRole(row.role);
        const strength = row.strength ?? null;
        if (stored === undefined) {
          const id = byId && row.id ? row.id : newRelationshipId(fromId, newId());
          // Version, createdBy/updatedBy and the timestamps are set once by the query.
          const keyProps = byId ? row.storedKey : row.key;
          toCreate.add(type.name, {
            id,
            fromId,
            toId,
            source: keyProps?.source ?? null,
            externalId: keyProps?.externalId ?? null,
            role,
            strength,
            validFrom,
            validTo,
            properties: values,
          });
          if (!byId) createdKeys.push({ fromId, source: row.key.source, externalId: row.key.externalId });
          result.created += 1;
          result.changedIds.push(id);
          continue;
        }
        if (stored.type !== type.name || stored.toId !== toId) {
          reject(row.ref, `relationship ${row.key.source}/${row.key.externalId} exists as ${stored.type} to another entity`);
          continue;
        }
        const changes = changedValues(stored.relationship, { ...values, role, strength });
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
      for (const { type, query, size, params } of toCreate.statements()) {
        const [created] = await tx.run<{ created: number }>(this.catalogue.render(query, { TYPE: type }), { ...params, actor, now });
        // Fewer than asked: an end remembered from an earlier batch is gone. Roll back and redo.
        if (usedKnownEnds && Number(created?.created ?? 0) !== size) throw new StaleEndsError();
      }
      if (toUpdate.length > 0) await tx.run(this.q.updateRelationships, { rows: toUpdate, actor, now });
      emitBatch(emit, 'RELATIONSHIPS', result);
      return result;
    });

    let result: BatchResult;
    try {
      result = await attempt(!byId);
    } catch (error) {
      if (!(error instanceof StaleEndsError)) throw error;
      this.knownEnds.clear();
      result = await attempt(false);
    }
    if (!byId) {
      // committed
      this.remember(foundEnds);
      this.keyLedger.committed(markBefore, this.engine.writeMark?.(), createdKeys);
    }
    return result;
  }

  /**
   * Restores one batch of touchpoints of the xrm export format in one transaction, with
   * their INVOLVES/ABOUT/AT links, keeping ids, versions and timestamps. A touchpoint whose
   * id exists is left as it is (unchanged), so a re-run changes nothing; one whose
   * idempotency key another touchpoint holds, or that links an entity that does not
   * exist, is rejected.
   * @throws RowRejectedError (strict) on the first bad row; nothing of the batch is written.
   */
  async importTouchpoints(rows: readonly TouchpointImportRow[], options: ImportOptions): Promise<BatchResult> {
    return this.writes.run('import.touchpoints', options.actor, async (tx, emit) => {
      const result: BatchResult = { created: 0, updated: 0, unchanged: 0, rejected: [], changedIds: [] };
      const reject = rejecter(result.rejected, options);
      const keyOf = (row: TouchpointImportRow) => (typeof row.properties.idempotencyKey === 'string' ? row.properties.idempotencyKey : null);
      const keys = rows.map(keyOf).filter((k): k is string => k !== null);
      const stored = await tx.run<{ id: string; idempotencyKey: string | null }>(this.q.touchpointIds, { ids: rows.map((r) => r.id), keys });
      const storedIds = new Set(stored.map((r) => String(r.id)));
      const keyHolders = new Map(stored.filter((r) => typeof r.idempotencyKey === 'string').map((r) => [String(r.idempotencyKey), String(r.id)]));
      const linked = (row: TouchpointImportRow) => [
        ...row.participants.map((p) => p.entityId),
        ...row.objectIds,
        ...(row.locationId === null ? [] : [row.locationId]),
      ];
      const ends = await this.findEnds(tx, [...new Set(rows.flatMap(linked))], true);
      const create: Record<string, unknown>[] = [];
      const links: { touchpointId: string; entityId: string; link: string; role: string | null }[] = [];
      const seen = new Set<string>();
      for (const row of rows) {
        if (storedIds.has(row.id) || seen.has(row.id)) {
          result.unchanged += 1;
          continue;
        }
        const key = keyOf(row);
        const holder = key === null ? undefined : keyHolders.get(key);
        if (holder !== undefined && holder !== row.id) {
          reject(row.ref, `idempotency key "${String(key)}" is held by touchpoint ${holder}`);
          continue;
        }
        const missing = linked(row).find((id) => !ends.has(id));
        if (missing !== undefined) {
          reject(row.ref, `dangling touchpoint link: no entity with id ${missing}`);
          continue;
        }
        seen.add(row.id);
        if (key !== null) keyHolders.set(key, row.id);
        create.push({ props: { ...row.properties, id: row.id, version: row.version }, occurredAt: row.occurredAt, createdAt: row.createdAt, updatedAt: row.updatedAt });
        for (const p of row.participants) links.push({ touchpointId: row.id, entityId: p.entityId, link: 'INVOLVES', role: p.role });
        for (const o of row.objectIds) links.push({ touchpointId: row.id, entityId: o, link: 'ABOUT', role: null });
        if (row.locationId !== null) links.push({ touchpointId: row.id, entityId: row.locationId, link: 'AT', role: null });
        result.created += 1;
        result.changedIds.push(row.id);
      }
      if (create.length > 0) await tx.run(this.q.createTouchpoints, { rows: create });
      if (links.length > 0) await tx.run(this.q.linkTouchpoints, { links });
      emitBatch(emit, 'TOUCHPOINTS', result);
      return result;
    });
  }

  /**
   * Restores one batch of bookings of the xrm export format in one transaction (RESERVES
   * the resource, BOOKED_FOR the booker), keeping ids, versions and timestamps. A booking
   * whose id exists is left as it is; one whose resource or booker does not exist is
   * rejected. Overlaps are not checked: the export reproduces bookings as they were.
   * @throws RowRejectedError (strict) on the first bad row; nothing of the batch is written.
   */
  async importBookings(rows: readonly BookingImportRow[], options: ImportOptions): Promise<BatchResult> {
    return this.writes.run('import.bookings', options.actor, async (tx, emit) => {
      const result: BatchResult = { created: 0, updated: 0, unchanged: 0, rejected: [], changedIds: [] };
      const reject = rejecter(result.rejected, options);
      const stored = await tx.run<{ id: string }>(this.q.bookingIds, { ids: rows.map((r) => r.id) });
      const storedIds = new Set(stored.map((r) => String(r.id)));
      const ends = await this.findEnds(tx, [...new Set(rows.flatMap((r) => [r.resourceId, r.bookerId]))], true);
      const create: Record<string, unknown>[] = [];
      for (const row of rows) {
        if (storedIds.has(row.id)) {
          result.unchanged += 1;
          continue;
        }
        const missing = [row.resourceId, row.bookerId].find((id) => !ends.has(id));
        if (missing !== undefined) {
          reject(row.ref, `dangling booking: no entity with id ${missing}`);
          continue;
        }
        storedIds.add(row.id);
        const { ref: _ref, properties, ...fields } = row;
        create.push({ ...fields, props: { ...properties, id: row.id, resourceId: row.resourceId, bookerId: row.bookerId, version: row.version } });
        result.created += 1;
        result.changedIds.push(row.id);
      }
      if (create.length > 0) await tx.run(this.q.createBookings, { rows: create });
      emitBatch(emit, 'BOOKINGS', result);
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

  private remember(ends: Iterable<[string, End]>): void {
    for (const [key, end] of ends) {
      if (this.knownEnds.size >= MAX_KNOWN_ENDS) this.knownEnds.clear();
      this.knownEnds.set(key, end);
    }
  }

  /** id and kind of the relationship ends by the batch's keys (`source\0externalId`, or ids in key mode `id`). */
  private async findEnds(tx: GraphTransaction, keys: string[], byId: boolean): Promise<Map<string, { id: string; kind: string }>> {
    const out = new Map<string, { id: string; kind: string }>();
    if (keys.length === 0) return out;
    if (byId) {
      const rows = await tx.run<EndRow>(this.q.endsByIds, { ids: keys });
      for (const row of rows) out.set(String(row.id), { id: String(row.id), kind: String(row.kind) });
      return out;
    }
    const rows = await tx.run<EndRow>(this.q.endsByKeys, { keys: keys.map(parseKeyString) });
    for (const row of rows) out.set(`${String(row.source)}\u0000${String(row.externalId)}`, { id: String(row.id), kind: String(row.kind) });
    return out;
  }

  /** The metamodel definitions a batch names, looked up once per distinct name. */
  private async resolve<R, D>(rows: readonly R[], nameOf: (row: R) => string, find: (name: string) => Promise<D | undefined>): Promise<Map<string, D>> {
    const out = new Map<string, D>();
    const seen = new Set<string>();
    for (const row of rows) {
      const name = nameOf(row);
      if (seen.has(name)) continue;
      seen.add(name);
      const found = typeof name === 'string' ? await find(name) : undefined;
      if (found !== undefined) out.set(name, found);
    }
    return out;
  }

  /**
   * The batch's keys that may hold a relationship: all of them, except, for sources the
   * key ledger answers for, those it knows were never created. A source the ledger has not
   * verified yet is verified here, in the batch's transaction.
   */
  private async mayExist<T extends { row: RelationshipImportRow; fromId: string }>(
    tx: GraphTransaction,
    resolved: Map<string, T>,
    byId: boolean,
  ): Promise<Map<string, T>> {
    if (byId) return resolved;
    for (const { row } of resolved.values()) {
      const { source } = row.key;
      if (!this.keyLedger.needsVerification(source)) continue;
      const found = await tx.run(this.q.sourceHasRelationships, { source });
      this.keyLedger.verified(source, found.length > 0);
    }
    const out = new Map<string, T>();
    for (const [key, item] of resolved) {
      if (this.keyLedger.mayExist(item.fromId, item.row.key.source, item.row.key.externalId)) out.set(key, item);
    }
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
    const fromIds: string[] = [];
    const sources: string[] = [];
    const externalIds: string[] = [];
    for (const { row, fromId } of wanted.values()) {
      fromIds.push(fromId);
      sources.push(row.key.source);
      externalIds.push(row.key.externalId);
    }
    const rows = await tx.run<RelRow>(this.q.relationshipsByKeys, { fromIds, sources, externalIds });
    for (const row of rows) {
      const key = { source: String(row.relationship.source), externalId: String(row.relationship.externalId) };
      out.set(`${row.fromId}\u0000${keyString(key)}`, row);
    }
    return out;
  }
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

function emitBatch(emit: Emit, records: 'ENTITIES' | 'RELATIONSHIPS' | 'TOUCHPOINTS' | 'BOOKINGS', result: BatchResult): void {
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
