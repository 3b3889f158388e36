import { DomainEventType } from '../../events/domain-event';
import type { RecordedWrites } from '../../events/recorded-writes';
import type { GraphEngine } from '../../graph/graph-engine.port';
import type { CypherQuery, QueryCatalogue } from '../../graph/query-catalogue';
import { BadUserInputError, ConflictError, NotFoundError } from '../errors';
import { validatePropertyValues } from '../metamodel/property-values';
import { CATEGORY_LABEL, type EntityKind, type MetamodelReader } from '../metamodel/metamodel.types';
import { nowIso } from '../shared/clock';
import { checkVersion } from '../shared/version';
import { IdempotencyKeys, idempotentRequest } from '../shared/idempotency';
import { newId } from '../shared/ids';
import { inKeyOrder } from '../shared/key-order';
import { checkPageArgs, fetchRequestedPage, type Page, type PageArgs, type PageLimits } from '../shared/page';
import { toEntityListParams } from './entity-filter';
import type { CreateEntityCommand, Entity, EntityFilter, EntitySort, UpdateEntityCommand } from './entity.model';
import { toEntity } from './entity-record';
import type { EntityCache, EntityCacheStats } from './entity-cache';

const MAX_NAME_LENGTH = 500;

interface EntityRow extends Record<string, unknown> {
  entity: Record<string, unknown>;
}
interface LockedRow extends EntityRow {
  degree: number;
}
interface ListRow extends Record<string, unknown> {
  totalCount: number;
  entities: Record<string, unknown>[];
}

/** Creates, changes, deletes and finds entities, enforcing the metamodel on every write. */
export class EntityService {
  private readonly q: {
    getByIds: CypherQuery;
    lock: CypherQuery;
    update: CypherQuery;
    delete: CypherQuery;
    list: CypherQuery;
    relatedTo: CypherQuery;
  };
  private readonly keys: IdempotencyKeys;

  constructor(
    private readonly engine: GraphEngine,
    private readonly catalogue: QueryCatalogue,
    private readonly metamodel: MetamodelReader,
    private readonly limits: PageLimits,
    private readonly writes: RecordedWrites,
    /** Serves getMany from memory where exact (embedded engine); absent: every lookup reads the engine. */
    private readonly cache?: EntityCache,
  ) {
    this.q = {
      getByIds: catalogue.get('entity/get-by-ids'),
      lock: catalogue.get('entity/lock-for-update'),
      update: catalogue.get('entity/update'),
      delete: catalogue.get('entity/delete'),
      list: catalogue.get('entity/list'),
      relatedTo: catalogue.get('entity/related-to'),
    };
    this.keys = new IdempotencyKeys(catalogue);
    // entity/create is rendered per kind; check now that the file exists.
    catalogue.render('entity/create', { CATEGORY: 'Stakeholder', KIND: 'Person' });
  }

  /**
   * Creates an entity of a registered, non-deprecated kind. With an idempotencyKey used
   * before for the same content, returns the entity first created and writes nothing.
   * @throws BadUserInputError for an unknown or deprecated kind, a blank name, or properties
   *   that do not fit the kind's schema; ConflictError when the key was used for other
   *   content. Nothing is written then.
   */
  async create(command: CreateEntityCommand, actor: string): Promise<Entity> {
    const kind = await this.requireKind(command.kind, 'kind');
    const name = checkName(command.name, 'name');
    const properties = validatePropertyValues(kind.properties, command.properties ?? {}, {
      fieldPath: 'properties',
      partial: false,
    });
    const query = this.catalogue.render('entity/create', {
      CATEGORY: CATEGORY_LABEL[kind.category],
      KIND: kind.name,
    });
    const props = {
      ...properties,
      id: newId(),
      kind: kind.name,
      category: kind.category,
      name,
      version: 1,
      createdBy: actor,
      updatedBy: actor,
    };
    const request = idempotentRequest('entity.create', command.idempotencyKey, { kind: kind.name, name, properties });
    return this.writes.run('entity.create', actor, (tx, emit) =>
      this.keys.once(
        tx,
        request,
        async (id) => {
          const [row] = await tx.run<EntityRow>(this.q.getByIds, { ids: [id] });
          return row ? toEntity(row.entity) : null;
        },
        async () => {
          const [row] = await tx.run<EntityRow>(query, { props, now: nowIso() });
          if (!row) throw new Error('entity/create returned no row');
          const entity = toEntity(row.entity);
          emit({ type: DomainEventType.ENTITY_CREATED, subjectIds: [entity.id], payload: { entity } });
          return entity;
        },
      ),
    );
  }

  /**
   * Changes the name and/or custom properties. The caller names the version it read.
   * @throws NotFoundError, ConflictError on a stale version, BadUserInputError on invalid values.
   */
  async update(command: UpdateEntityCommand, actor: string): Promise<Entity> {
    const name = command.name == null ? undefined : checkName(command.name, 'name');
    return this.writes.run('entity.update', actor, async (tx, emit) => {
      const [locked] = await tx.run<LockedRow>(this.q.lock, { id: command.id, now: nowIso() });
      if (!locked) throw new NotFoundError('Entity', command.id);
      const current = toEntity(locked.entity);
      checkVersion('Entity', { id: current.id }, command.expectedVersion, current.version);
      const kind = await this.requireKind(current.kind, 'kind', { allowDeprecated: true });
      const changes = validatePropertyValues(kind.properties, command.properties ?? {}, {
        fieldPath: 'properties',
        partial: true,
      });
      // A property the kind requires may be changed but not removed.
      for (const definition of kind.properties) {
        if (definition.required && changes[definition.name] === null) {
          throw new BadUserInputError(`"${definition.name}" is required by ${kind.name}`, `properties.${definition.name}`);
        }
      }
      const set = name === undefined ? changes : { ...changes, name };
      const [row] = await tx.run<EntityRow>(this.q.update, { id: command.id, changes: set, actor, now: nowIso() });
      if (!row) throw new NotFoundError('Entity', command.id);
      const entity = toEntity(row.entity);
      emit({ type: DomainEventType.ENTITY_UPDATED, subjectIds: [entity.id], payload: { entity } });
      return entity;
    });
  }

  /**
   * Deletes an entity. While it has relationships this is refused unless `detach` is true,
   * which deletes them with it.
   * @returns the deleted entity as it was.
   */
  async delete(id: string, options: { detach: boolean; expectedVersion?: number | null }, actor: string): Promise<Entity> {
    return this.writes.run('entity.delete', actor, async (tx, emit) => {
      const [locked] = await tx.run<LockedRow>(this.q.lock, { id, now: nowIso() });
      if (!locked) throw new NotFoundError('Entity', id);
      const current = toEntity(locked.entity);
      if (options.expectedVersion != null) checkVersion('Entity', { id }, options.expectedVersion, current.version);
      if (locked.degree > 0 && !options.detach) {
        throw new ConflictError(
          `Entity "${id}" still has ${locked.degree} relationship(s); end or delete them first, or delete with detach: true`,
          { id, relationships: locked.degree },
        );
      }
      await tx.run(this.q.delete, { id });
      emit({
        type: DomainEventType.ENTITY_DELETED,
        subjectIds: [id],
        payload: { entity: current, detachedRelationships: locked.degree },
      });
      return current;
    });
  }

  /** The entity with this id, or null. */
  async get(id: string): Promise<Entity | null> {
    const [entity] = await this.getMany([id]);
    return entity ?? null;
  }

  /**
   * Entities for the ids, in the same order, null where none exists (the DataLoader contract).
   * Through the entity cache when there is one: the results are then frozen and shared.
   */
  async getMany(ids: readonly string[]): Promise<(Entity | null)[]> {
    if (ids.length === 0) return [];
    if (this.cache !== undefined) return this.cache.getMany(ids, this.read);
    return inKeyOrder(ids, await this.read([...new Set(ids)]), (e) => e.id);
  }

  /** The entity cache's counters; undefined without a cache. */
  cacheStats(): EntityCacheStats | undefined {
    return this.cache?.stats();
  }

  /** The entities that exist among the (distinct) ids, read from the engine. */
  private readonly read = async (ids: readonly string[]): Promise<Entity[]> => {
    const rows = await this.engine.read<EntityRow>(this.q.getByIds, { ids: [...ids] });
    return rows.map((r) => toEntity(r.entity));
  };

  /**
   * One page of entities matching the filter, sorted (default: by name, then id).
   * @throws BadUserInputError for page sizes above the maximum, unknown kinds or properties.
   */
  async list(filter: EntityFilter | null | undefined, sort: EntitySort | null | undefined, page: PageArgs): Promise<Page<Entity>> {
    checkPageArgs(page, this.limits);
    const { params, relatedTo } = toEntityListParams(filter, sort, await this.metamodel.listKinds());
    if (relatedTo.length > 0) {
      const [row] = await this.engine.read<{ ids: string[] }>(this.q.relatedTo, { relatedTo });
      const related = row?.ids ?? [];
      params.ids = params.ids === null ? related : params.ids.filter((id) => related.includes(id));
    }
    return fetchRequestedPage(page, this.limits, async (window) => {
      const [row] = await this.engine.read<ListRow>(this.q.list, { ...params, ...window });
      return { items: (row?.entities ?? []).map(toEntity), totalCount: row?.totalCount ?? 0 };
    });
  }

  private async requireKind(name: string, field: string, opts: { allowDeprecated?: boolean } = {}): Promise<EntityKind> {
    const kind = await this.metamodel.findKind(name);
    if (!kind) throw new BadUserInputError(`Unknown kind "${name}"; define it first or use one of the registered kinds`, field);
    if (kind.deprecated && !opts.allowDeprecated) {
      throw new BadUserInputError(`Kind "${name}" is deprecated and accepts no new records`, field);
    }
    return kind;
  }
}

function checkName(name: string, field: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0) throw new BadUserInputError('A name must not be blank', field);
  if (trimmed.length > MAX_NAME_LENGTH) throw new BadUserInputError(`A name may be at most ${MAX_NAME_LENGTH} characters`, field);
  return trimmed;
}
