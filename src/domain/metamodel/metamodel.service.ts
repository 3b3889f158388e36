import { ConflictError, DomainError, NotFoundError } from '../errors';
import { DomainEventType } from '../../events/domain-event';
import type { RecordedWrites } from '../../events/recorded-writes';
import type { GraphEngine, GraphTransaction } from '../../graph/graph-engine.port';
import type { CypherQuery, QueryCatalogue } from '../../graph/query-catalogue';
import { DEFAULT_KINDS, DEFAULT_METAMODEL_VERSION, DEFAULT_RELATIONSHIP_TYPES } from './default-metamodel';
import { applyKindPatch, kindChangesNeedingNoRecords, normaliseKindDefinition } from './kind-rules';
import { MetamodelCache } from './metamodel-cache';
import {
  kindParams,
  relationshipTypeParams,
  toEntityKind,
  toRelationshipType,
  type KindRow,
  type RelationshipTypeRow,
} from './metamodel-records';
import type {
  DefineKindInput,
  DefineRelationshipTypeInput,
  SeedResult,
  UpdateKindPatch,
  UpdateRelationshipTypePatch,
} from './metamodel.inputs';
import type { EntityKind, MetamodelReader, RelationshipType } from './metamodel.types';
import {
  applyRelationshipTypePatch,
  checkEndpointKinds,
  normaliseRelationshipTypeDefinition,
  relationshipTypeChangesNeedingNoRelationships,
  type KindRef,
} from './relationship-type-rules';
import { checkVersion } from '../shared/version';

/** Options of MetamodelService. */
export interface MetamodelServiceOptions {
  /**
   * How long the cached metamodel is served before it is read again, in milliseconds.
   * Default 5000. Changes made through this process refresh the cache at once; changes
   * made through another API instance are seen here within this time. 0 disables caching.
   */
  cacheTtlMs?: number;
  /** The current instant (injectable for tests). Default: the system clock. */
  now?: () => Date;
}

/** The default of MetamodelServiceOptions.cacheTtlMs. */
export const DEFAULT_METAMODEL_CACHE_TTL_MS = 5000;

const KIND = 'Entity kind';
const RELATIONSHIP_TYPE = 'Relationship type';

/**
 * Keeps the metamodel (entity kinds and relationship types) in the graph, serves it from
 * a cache and changes it under the rules that keep existing data valid. Each change runs
 * in one write transaction that also holds the checks it depends on (name free, version
 * current, kind or type not in use).
 */
export class MetamodelService implements MetamodelReader {
  private readonly q: Readonly<Record<QueryName, CypherQuery>>;
  private readonly cache: MetamodelCache;
  private readonly now: () => Date;

  /**
   * Resolves every query it runs now, so a missing `cypher/metamodel/*.cypher` file stops
   * start-up (Error from QueryCatalogue.get).
   */
  constructor(
    private readonly engine: GraphEngine,
    catalogue: QueryCatalogue,
    private readonly writes: RecordedWrites,
    options: MetamodelServiceOptions = {},
  ) {
    this.q = Object.fromEntries(QUERY_NAMES.map((name) => [name, catalogue.get(`metamodel/${name}`)])) as Record<
      QueryName,
      CypherQuery
    >;
    this.now = options.now ?? (() => new Date());
    const ttl = options.cacheTtlMs ?? DEFAULT_METAMODEL_CACHE_TTL_MS;
    this.cache = new MetamodelCache(() => this.loadAll(), ttl, () => this.now().getTime());
  }

  // ---- reading (cached) ----

  /** The kind called `name`, deprecated or not, or undefined. */
  async findKind(name: string): Promise<EntityKind | undefined> {
    return (await this.cache.get()).kindsByName.get(name);
  }

  /** The relationship type called `name`, deprecated or not, or undefined. */
  async findRelationshipType(name: string): Promise<RelationshipType | undefined> {
    return (await this.cache.get()).relationshipTypesByName.get(name);
  }

  /**
   * Kinds sorted by name. The returned objects are shared and frozen: do not mutate them.
   * @param options.includeDeprecated default true (the MetamodelReader contract: every kind).
   */
  async listKinds(options: { includeDeprecated?: boolean } = {}): Promise<EntityKind[]> {
    const { kinds } = await this.cache.get();
    return options.includeDeprecated === false ? kinds.filter((k) => !k.deprecated) : [...kinds];
  }

  /**
   * Relationship types sorted by name. The returned objects are shared and frozen.
   * @param options.includeDeprecated default true (the MetamodelReader contract).
   */
  async listRelationshipTypes(options: { includeDeprecated?: boolean } = {}): Promise<RelationshipType[]> {
    const { relationshipTypes } = await this.cache.get();
    return options.includeDeprecated === false ? relationshipTypes.filter((t) => !t.deprecated) : [...relationshipTypes];
  }

  /** Forgets the cached metamodel so the next read goes to the store. */
  invalidateCache(): void {
    this.cache.invalidate();
  }

  // ---- seeding ----

  /**
   * Seeds the default metamodel (default-metamodel.ts) into a database that has never been
   * seeded, and leaves a `(:MetamodelSeed {version})` marker. Idempotent: on a database
   * with a marker it writes nothing, so kinds a user deleted do not come back on restart.
   * Defaults whose name already exists are skipped. Call it at start-up.
   *
   * Two processes seeding a fresh Neo4j database at the same moment: one fails on the
   * name constraint; its error is swallowed when the other one's marker is then found.
   */
  async seedDefaults(actor: string): Promise<SeedResult> {
    try {
      return await this.engine.transaction('WRITE', 'metamodel.seedDefaults', (tx) => this.seedIn(tx, actor));
    } catch (error) {
      const [marker] = await this.engine.read<{ version: number }>(this.q['get-seed-marker']);
      if (marker) return { seeded: false, kindsCreated: [], relationshipTypesCreated: [] };
      throw error;
    } finally {
      this.cache.invalidate();
    }
  }

  private async seedIn(tx: GraphTransaction, actor: string): Promise<SeedResult> {
    const [marker] = await tx.run<{ version: number }>(this.q['get-seed-marker']);
    if (marker) return { seeded: false, kindsCreated: [], relationshipTypesCreated: [] };
    const now = this.nowIso();
    const existingKinds = await this.kindsIn(tx);
    const kindsCreated: string[] = [];
    for (const input of DEFAULT_KINDS) {
      if (existingKinds.has(input.name)) continue;
      const definition = normaliseKindDefinition(input);
      await tx.run(this.q['create-kind'], { ...kindParams(definition), actor, now });
      existingKinds.set(definition.name, definition);
      kindsCreated.push(definition.name);
    }
    const typeRows = await tx.run<RelationshipTypeRow>(this.q['list-relationship-types']);
    const existingTypes = new Set(typeRows.map((r) => r.relationshipType.name));
    const relationshipTypesCreated: string[] = [];
    for (const input of DEFAULT_RELATIONSHIP_TYPES) {
      if (existingTypes.has(input.name)) continue;
      const definition = normaliseRelationshipTypeDefinition(input);
      checkEndpointKinds(definition, existingKinds);
      await tx.run(this.q['create-relationship-type'], { ...relationshipTypeParams(definition), actor, now });
      relationshipTypesCreated.push(definition.name);
    }
    await tx.run(this.q['create-seed-marker'], { version: DEFAULT_METAMODEL_VERSION, actor, now });
    return { seeded: true, kindsCreated, relationshipTypesCreated };
  }

  // ---- entity kinds ----

  /**
   * Defines a new entity kind at version 1.
   * @throws BadUserInputError (nothing written) for an invalid or reserved name, an unknown
   *   category or an invalid property schema.
   * @throws ConflictError when a kind of that name exists.
   */
  async defineKind(input: DefineKindInput, actor: string): Promise<EntityKind> {
    const definition = normaliseKindDefinition(input);
    const taken = () => new ConflictError(`${KIND} "${definition.name}" already exists`, { name: definition.name });
    return this.createOnce('get-kind', definition.name, taken, () =>
      this.write('metamodel.defineKind', actor, definition.name, async (tx) => {
        if (await this.getKindIn(tx, definition.name)) throw taken();
        const [row] = await tx.run<KindRow>(this.q['create-kind'], { ...kindParams(definition), actor, now: this.nowIso() });
        return toEntityKind(required(row, 'create-kind').kind);
      }),
    );
  }

  /**
   * Changes a kind's category, description or property schema (see UpdateKindPatch).
   * @throws NotFoundError when it does not exist.
   * @throws ConflictError when `patch.expectedVersion` is not the current version, or when
   *   records of the kind exist and the change could invalidate them (category change, a
   *   property changing type or becoming required, a new required property).
   * @throws BadUserInputError for invalid values (nothing written).
   */
  async updateKind(name: string, patch: UpdateKindPatch, actor: string): Promise<EntityKind> {
    return this.write('metamodel.updateKind', actor, name, async (tx) => {
      const current = await this.lockKindIn(tx, name);
      if (!current) throw new NotFoundError(KIND, name);
      checkVersion(KIND, { name }, patch.expectedVersion, current.version);
      const next = applyKindPatch(current, patch);
      const reasons = kindChangesNeedingNoRecords(current, next);
      if (reasons.length > 0) {
        const records = await this.countRecordsIn(tx, name);
        if (records > 0) {
          throw new ConflictError(
            `${KIND} "${name}" has ${records} record${records === 1 ? '' : 's'}, so this change is refused: ${reasons.join('; ')}`,
            { name, records, reasons },
          );
        }
      }
      const [row] = await tx.run<KindRow>(this.q['update-kind'], {
        ...kindParams(next),
        expectedVersion: patch.expectedVersion,
        actor,
        now: this.nowIso(),
      });
      if (!row) throw staleVersion(KIND, name, patch.expectedVersion);
      return toEntityKind(row.kind);
    });
  }

  /**
   * Deprecates a kind (its records stay; no new ones are accepted) or, with false, brings
   * it back. Bumps the version only when the flag changes.
   * @throws NotFoundError when it does not exist.
   */
  async deprecateKind(name: string, deprecated: boolean, actor: string): Promise<EntityKind> {
    return this.write('metamodel.deprecateKind', actor, name, async (tx) => {
      const current = await this.lockKindIn(tx, name);
      if (!current) throw new NotFoundError(KIND, name);
      if (current.deprecated === deprecated) return current;
      const [row] = await tx.run<KindRow>(this.q['set-kind-deprecated'], { name, deprecated, actor, now: this.nowIso() });
      return toEntityKind(required(row, 'set-kind-deprecated').kind);
    });
  }

  /**
   * Deletes a kind that nothing uses.
   * @param actor who asks (recorded in the event log).
   * @returns true.
   * @throws NotFoundError when it does not exist.
   * @throws ConflictError when records of the kind exist or relationship types name it in
   *   their endpoint rules (deprecate it instead, or change those types first).
   */
  async deleteKind(name: string, actor: string): Promise<boolean> {
    return this.write('metamodel.deleteKind', actor, name, async (tx) => {
      if (!(await this.lockKindIn(tx, name))) throw new NotFoundError(KIND, name);
      const records = await this.countRecordsIn(tx, name);
      if (records > 0) {
        throw new ConflictError(
          `${KIND} "${name}" cannot be deleted: ${records} record${records === 1 ? '' : 's'} of this kind exist. Delete them first, or deprecate the kind.`,
          { name, records },
        );
      }
      const types = (await tx.run<{ name: string }>(this.q['relationship-types-naming-kind'], { name })).map((r) => r.name);
      if (types.length > 0) {
        throw new ConflictError(
          `${KIND} "${name}" cannot be deleted: the relationship types ${types.join(', ')} name it in their endpoint rules. Change them first.`,
          { name, relationshipTypes: types },
        );
      }
      await tx.run(this.q['delete-kind'], { name });
      return true;
    });
  }

  // ---- relationship types ----

  /**
   * Defines a new relationship type at version 1.
   * @throws BadUserInputError (nothing written) for an invalid or reserved name, invalid
   *   endpoint rules (unknown kinds or categories; a symmetric type with different rules,
   *   an inverse name or MANY_TO_ONE), an unknown cardinality or an invalid property schema.
   * @throws ConflictError when a type of that name exists.
   */
  async defineRelationshipType(input: DefineRelationshipTypeInput, actor: string): Promise<RelationshipType> {
    const definition = normaliseRelationshipTypeDefinition(input);
    const taken = () => new ConflictError(`${RELATIONSHIP_TYPE} "${definition.name}" already exists`, { name: definition.name });
    return this.createOnce('get-relationship-type', definition.name, taken, () =>
      this.write('metamodel.defineRelationshipType', actor, definition.name, async (tx) => {
        if (await this.getRelationshipTypeIn(tx, definition.name)) throw taken();
        checkEndpointKinds(definition, await this.kindsIn(tx));
        const [row] = await tx.run<RelationshipTypeRow>(this.q['create-relationship-type'], {
          ...relationshipTypeParams(definition),
          actor,
          now: this.nowIso(),
        });
        return toRelationshipType(required(row, 'create-relationship-type').relationshipType);
      }),
    );
  }

  /**
   * Changes a relationship type (see UpdateRelationshipTypePatch).
   * @throws NotFoundError when it does not exist.
   * @throws ConflictError on a stale `expectedVersion`, or when relationships of the type
   *   exist and the change could invalidate them (narrower endpoint rules, direction,
   *   stricter cardinality, self-relations turned off, unsafe property schema changes).
   * @throws BadUserInputError for invalid values (nothing written).
   */
  async updateRelationshipType(
    name: string,
    patch: UpdateRelationshipTypePatch,
    actor: string,
  ): Promise<RelationshipType> {
    return this.write('metamodel.updateRelationshipType', actor, name, async (tx) => {
      const current = await this.lockRelationshipTypeIn(tx, name);
      if (!current) throw new NotFoundError(RELATIONSHIP_TYPE, name);
      checkVersion(RELATIONSHIP_TYPE, { name }, patch.expectedVersion, current.version);
      const next = applyRelationshipTypePatch(current, patch);
      const kinds = await this.kindsIn(tx);
      checkEndpointKinds(next, kinds);
      const reasons = relationshipTypeChangesNeedingNoRelationships(current, next, kinds);
      if (reasons.length > 0 && (await this.relationshipTypeInUseIn(tx, name))) {
        throw new ConflictError(
          `${RELATIONSHIP_TYPE} "${name}" is in use, so this change is refused: ${reasons.join('; ')}`,
          { name, reasons },
        );
      }
      const [row] = await tx.run<RelationshipTypeRow>(this.q['update-relationship-type'], {
        ...relationshipTypeParams(next),
        expectedVersion: patch.expectedVersion,
        actor,
        now: this.nowIso(),
      });
      if (!row) throw staleVersion(RELATIONSHIP_TYPE, name, patch.expectedVersion);
      return toRelationshipType(row.relationshipType);
    });
  }

  /**
   * Deprecates a relationship type (existing relationships stay; no new ones) or, with
   * false, brings it back. Bumps the version only when the flag changes.
   * @throws NotFoundError when it does not exist.
   */
  async deprecateRelationshipType(name: string, deprecated: boolean, actor: string): Promise<RelationshipType> {
    return this.write('metamodel.deprecateRelationshipType', actor, name, async (tx) => {
      const current = await this.lockRelationshipTypeIn(tx, name);
      if (!current) throw new NotFoundError(RELATIONSHIP_TYPE, name);
      if (current.deprecated === deprecated) return current;
      const [row] = await tx.run<RelationshipTypeRow>(this.q['set-relationship-type-deprecated'], {
        name,
        deprecated,
        actor,
        now: this.nowIso(),
      });
      return toRelationshipType(required(row, 'set-relationship-type-deprecated').relationshipType);
    });
  }

  /**
   * Deletes a relationship type that no relationship uses.
   * @param actor who asks (recorded in the event log).
   * @returns true.
   * @throws NotFoundError when it does not exist.
   * @throws ConflictError when a relationship of the type exists (deprecate it instead).
   */
  async deleteRelationshipType(name: string, actor: string): Promise<boolean> {
    return this.write('metamodel.deleteRelationshipType', actor, name, async (tx) => {
      if (!(await this.lockRelationshipTypeIn(tx, name))) throw new NotFoundError(RELATIONSHIP_TYPE, name);
      if (await this.relationshipTypeInUseIn(tx, name)) {
        throw new ConflictError(
          `${RELATIONSHIP_TYPE} "${name}" cannot be deleted: relationships of this type exist. Delete them first, or deprecate the type.`,
          { name },
        );
      }
      await tx.run(this.q['delete-relationship-type'], { name });
      return true;
    });
  }

  // ---- helpers ----

  /**
   * Runs a change in one write transaction that also records a METAMODEL_CHANGED event for
   * `subject`, and refreshes the cache afterwards, whatever happened.
   */
  private async write<T>(
    operation: string,
    actor: string,
    subject: string,
    work: (tx: GraphTransaction) => Promise<T>,
  ): Promise<T> {
    try {
      return await this.writes.run(operation, actor, async (tx, emit) => {
        const result = await work(tx);
        emit({ type: DomainEventType.METAMODEL_CHANGED, subjectIds: [subject], payload: { operation, name: subject } });
        return result;
      });
    } finally {
      this.cache.invalidate();
    }
  }

  /**
   * Runs a create; when it fails with an engine error (not a rule) and the name now exists,
   * another process created it concurrently and Neo4j's name constraint refused this one:
   * report that as the ConflictError it is rather than an internal error.
   */
  private async createOnce<T>(
    getQuery: 'get-kind' | 'get-relationship-type',
    name: string,
    taken: () => ConflictError,
    create: () => Promise<T>,
  ): Promise<T> {
    try {
      return await create();
    } catch (error) {
      if (!(error instanceof DomainError) && (await this.engine.read(this.q[getQuery], { name })).length > 0) throw taken();
      throw error;
    }
  }

  /** Both lists in one read transaction, so the snapshot is consistent. */
  private loadAll(): Promise<{ kinds: EntityKind[]; relationshipTypes: RelationshipType[] }> {
    return this.engine.transaction('READ', 'metamodel.load', async (tx) => {
      const kinds = await tx.run<KindRow>(this.q['list-kinds']);
      const types = await tx.run<RelationshipTypeRow>(this.q['list-relationship-types']);
      return {
        kinds: kinds.map((r) => toEntityKind(r.kind)),
        relationshipTypes: types.map((r) => toRelationshipType(r.relationshipType)),
      };
    });
  }

  private async getKindIn(tx: GraphTransaction, name: string): Promise<EntityKind | undefined> {
    const [row] = await tx.run<KindRow>(this.q['get-kind'], { name });
    return row ? toEntityKind(row.kind) : undefined;
  }

  /** Reads the kind after taking its write lock (see lock-kind.cypher). */
  private async lockKindIn(tx: GraphTransaction, name: string): Promise<EntityKind | undefined> {
    const [row] = await tx.run<KindRow>(this.q['lock-kind'], { name, now: this.nowIso() });
    return row ? toEntityKind(row.kind) : undefined;
  }

  /** Reads the relationship type after taking its write lock. */
  private async lockRelationshipTypeIn(tx: GraphTransaction, name: string): Promise<RelationshipType | undefined> {
    const [row] = await tx.run<RelationshipTypeRow>(this.q['lock-relationship-type'], { name, now: this.nowIso() });
    return row ? toRelationshipType(row.relationshipType) : undefined;
  }

  private async getRelationshipTypeIn(tx: GraphTransaction, name: string): Promise<RelationshipType | undefined> {
    const [row] = await tx.run<RelationshipTypeRow>(this.q['get-relationship-type'], { name });
    return row ? toRelationshipType(row.relationshipType) : undefined;
  }

  /** Every kind by name, read inside the transaction (not from the cache). */
  private async kindsIn(tx: GraphTransaction): Promise<Map<string, KindRef>> {
    const rows = await tx.run<KindRow>(this.q['list-kinds']);
    return new Map(rows.map((r) => [r.kind.name, toEntityKind(r.kind)]));
  }

  private async countRecordsIn(tx: GraphTransaction, name: string): Promise<number> {
    const [row] = await tx.run<{ records: number }>(this.q['count-entities-of-kind'], { name });
    return Number(row?.records ?? 0);
  }

  private async relationshipTypeInUseIn(tx: GraphTransaction, name: string): Promise<boolean> {
    const [row] = await tx.run<{ relationships: number }>(this.q['relationship-type-in-use'], { name });
    return Number(row?.relationships ?? 0) > 0;
  }

  private nowIso(): string {
    return this.now().toISOString();
  }
}

/** The queries this service runs, all under `cypher/metamodel/`. */
const QUERY_NAMES = [
  'list-kinds',
  'get-kind',
  'lock-kind',
  'create-kind',
  'update-kind',
  'set-kind-deprecated',
  'delete-kind',
  'count-entities-of-kind',
  'relationship-types-naming-kind',
  'list-relationship-types',
  'get-relationship-type',
  'lock-relationship-type',
  'create-relationship-type',
  'update-relationship-type',
  'set-relationship-type-deprecated',
  'delete-relationship-type',
  'relationship-type-in-use',
  'get-seed-marker',
  'create-seed-marker',
] as const;
type QueryName = (typeof QUERY_NAMES)[number];

/** The version predicate of an update matched nothing: someone changed it since it was read. */
function staleVersion(what: string, name: string, expectedVersion: number): ConflictError {
  return new ConflictError(`${what} "${name}" was changed by someone else since version ${expectedVersion}. Read it again and retry.`, {
    name,
    expectedVersion,
  });
}

function required<R>(row: R | undefined, query: string): R {
  // The row was read in the same transaction a moment ago; no row means a broken query.
  if (row === undefined) throw new Error(`metamodel/${query} returned no row`);
  return row;
}
