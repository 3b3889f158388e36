import { DomainEventType } from '../../events/domain-event';
import type { Emit, RecordedWrites } from '../../events/recorded-writes';
import type { GraphEngine, GraphTransaction } from '../../graph/graph-engine.port';
import type { CypherQuery, QueryCatalogue } from '../../graph/query-catalogue';
import type { EntityService } from '../entities/entity.service';
import { BadUserInputError, ConflictError, NotFoundError } from '../errors';
import { validatePropertyValues } from '../metamodel/property-values';
import { Cardinality, type MetamodelReader, type RelationshipType } from '../metamodel/metamodel.types';
import { nowIso } from '../shared/clock';
import { newId } from '../shared/ids';
import { checkPageArgs, decodeCursor, forwardWindow, isBackward, type Page, type PageArgs, type PageLimits, toPage } from '../shared/page';
import { inKeyOrder } from '../shared/key-order';
import { checkVersion } from '../shared/version';
import { IdempotencyKeys, idempotentRequest } from '../shared/idempotency';
import {
  checkStrength,
  newRelationshipId,
  sourceOfRelationshipId,
  toRelationship,
  type RelationshipRow,
} from './relationship-record';
import { checkEndpoints, checkValidity, type Validity } from './relationship-rules';
import {
  RelationshipDirection,
  type RelateCommand,
  type Relationship,
  type RelationshipFromEntity,
  type RelationshipQuery,
  type UpdateRelationshipCommand,
} from './relationship.model';

const MAX_ROLE_LENGTH = 200;

interface OverlapRow extends Record<string, unknown> {
  overlapping: number;
  example: string | null;
}
interface ByEntityRow extends Record<string, unknown> {
  entityId: string;
  totalCount: number;
  /** The position of the first relationship of the page among the entity's relationships. */
  offset: number;
  relationships: RelationshipRow[];
}

/** Relates entities, changes and ends relationships, checking the metamodel's rules. */
export class RelationshipService {
  private readonly q: Record<'getByIds' | 'lock' | 'update' | 'delete' | 'countOverlapping' | 'byEntities', CypherQuery>;
  private readonly keys: IdempotencyKeys;

  constructor(
    private readonly engine: GraphEngine,
    private readonly catalogue: QueryCatalogue,
    private readonly metamodel: MetamodelReader,
    private readonly entities: EntityService,
    private readonly limits: PageLimits,
    private readonly writes: RecordedWrites,
  ) {
    this.q = {
      getByIds: catalogue.get('relationship/get-by-ids'),
      lock: catalogue.get('relationship/lock-for-update'),
      update: catalogue.get('relationship/update'),
      delete: catalogue.get('relationship/delete'),
      countOverlapping: catalogue.get('relationship/count-overlapping'),
      byEntities: catalogue.get('relationship/by-entities'),
    };
    this.keys = new IdempotencyKeys(catalogue);
    catalogue.render('relationship/create', { TYPE: 'KNOWS' });
  }

  /**
   * Creates a relationship. Parallel relationships of one type between the same two
   * entities are allowed (worked there twice); the type's endpoint rules, self rule,
   * property schema and cardinality are enforced.
   * With an idempotencyKey used before for the same content, returns the relationship
   * first created and writes nothing.
   * @throws BadUserInputError, NotFoundError (an end does not exist), ConflictError
   *   (cardinality, or the key used for other content).
   */
  async relate(command: RelateCommand, actor: string): Promise<Relationship> {
    const type = await this.requireType(command.type);
    if (command.fromId === command.toId && !type.allowSelf) {
      throw new BadUserInputError(`${type.name} does not allow relating a record to itself`, 'toId');
    }
    const validity = checkValidity(command.validFrom, command.validTo);
    checkStrength(command.strength);
    const properties = validatePropertyValues(type.properties, command.properties ?? {}, {
      fieldPath: 'properties',
      partial: false,
    });
    const [from, to] = await this.entities.getMany([command.fromId, command.toId]);
    if (!from) throw new NotFoundError('Entity', command.fromId);
    if (!to) throw new NotFoundError('Entity', command.toId);
    const [fromKind, toKind] = await Promise.all([this.metamodel.findKind(from.kind), this.metamodel.findKind(to.kind)]);
    if (!fromKind || !toKind) throw new BadUserInputError('An end of this relationship has a kind that no longer exists', 'fromId');
    checkEndpoints(type, fromKind, toKind);

    const id = newRelationshipId(from.id, newId());
    const props = {
      ...properties,
      id,
      role: checkRole(command.role),
      strength: command.strength ?? null,
      version: 1,
      createdBy: actor,
      updatedBy: actor,
    };
    const create = this.catalogue.render('relationship/create', { TYPE: type.name });
    const request = idempotentRequest('relationship.relate', command.idempotencyKey, {
      type: type.name,
      fromId: from.id,
      toId: to.id,
      role: props.role,
      strength: props.strength,
      properties,
      ...validity,
    });
    return this.writes.run('relationship.relate', actor, (tx, emit) =>
      this.keys.once(
        tx,
        request,
        async (existingId) => {
          const fromId = sourceOfRelationshipId(existingId);
          if (fromId === undefined) return null;
          const [row] = await tx.run<RelationshipRow>(this.q.getByIds, { keys: [{ id: existingId, fromId }] });
          return row ? toRelationship(row) : null;
        },
        async () => {
          const [row] = await tx.run<RelationshipRow>(create, {
            fromId: from.id,
            toId: to.id,
            props,
            ...validity,
            now: nowIso(),
          });
          // The ends vanished between the check and the write.
          if (!row) throw new NotFoundError('Entity', command.fromId);
          const created = toRelationship(row);
          await this.checkCardinality(tx, type, created, validity);
          emit(relationshipEvent(DomainEventType.RELATIONSHIP_CREATED, created));
          return created;
        },
      ),
    );
  }

  /**
   * Changes role, validity, strength or custom properties. Undefined fields stay; null clears.
   * @throws NotFoundError, ConflictError (stale version, cardinality), BadUserInputError.
   */
  async update(command: UpdateRelationshipCommand, actor: string): Promise<Relationship> {
    if (command.strength !== undefined) checkStrength(command.strength);
    const role = command.role === undefined ? undefined : checkRole(command.role);
    return this.withLocked(command.id, 'relationship.update', actor, async (tx, emit, current, fromId) => {
      checkVersion('Relationship', { id: current.id }, command.expectedVersion, current.version);
      const type = await this.requireType(current.type, { allowDeprecated: true });
      const validity = checkValidity(
        command.validFrom === undefined ? current.validFrom : command.validFrom,
        command.validTo === undefined ? current.validTo : command.validTo,
      );
      const custom = validatePropertyValues(type.properties, command.properties ?? {}, {
        fieldPath: 'properties',
        partial: true,
      });
      for (const definition of type.properties) {
        if (definition.required && custom[definition.name] === null) {
          throw new BadUserInputError(`"${definition.name}" is required by ${type.name}`, `properties.${definition.name}`);
        }
      }
      const set: Record<string, unknown> = { ...custom };
      if (role !== undefined) set.role = role;
      if (command.strength !== undefined) set.strength = command.strength;
      const [row] = await tx.run<RelationshipRow>(this.q.update, { id: current.id, fromId, changes: set, ...validity, actor, now: nowIso() });
      if (!row) throw new NotFoundError('Relationship', command.id);
      const updated = toRelationship(row);
      await this.checkCardinality(tx, type, updated, validity);
      emit(relationshipEvent(DomainEventType.RELATIONSHIP_UPDATED, updated));
      return updated;
    });
  }

  /**
   * Ends a relationship: sets validTo (default now). It stays in the graph as history.
   * @throws ConflictError when it has already ended, BadUserInputError when `at` is not after validFrom.
   */
  async end(id: string, at: string | null | undefined, expectedVersion: number | null | undefined, actor: string): Promise<Relationship> {
    return this.withLocked(id, 'relationship.end', actor, async (tx, emit, current, fromId) => {
      if (expectedVersion != null) checkVersion('Relationship', { id }, expectedVersion, current.version);
      const validity = checkValidity(current.validFrom, at ?? nowIso());
      if (current.validTo !== null && current.validTo <= (validity.validTo ?? '')) {
        throw new ConflictError(`Relationship "${id}" already ended at ${current.validTo}`, { id, validTo: current.validTo });
      }
      const [row] = await tx.run<RelationshipRow>(this.q.update, { id, fromId, changes: {}, ...validity, actor, now: nowIso() });
      if (!row) throw new NotFoundError('Relationship', id);
      const ended = toRelationship(row);
      emit(relationshipEvent(DomainEventType.RELATIONSHIP_ENDED, ended));
      return ended;
    });
  }

  /** Deletes a relationship for good (use `end` to keep it as history). @returns it as it was. */
  async delete(id: string, expectedVersion: number | null | undefined, actor: string): Promise<Relationship> {
    return this.withLocked(id, 'relationship.delete', actor, async (tx, emit, current, fromId) => {
      if (expectedVersion != null) checkVersion('Relationship', { id }, expectedVersion, current.version);
      await tx.run(this.q.delete, { id, fromId });
      emit(relationshipEvent(DomainEventType.RELATIONSHIP_DELETED, current));
      return current;
    });
  }

  /** Relationships for the ids, in order, null where none exists. */
  async getMany(ids: readonly string[]): Promise<(Relationship | null)[]> {
    const keys = ids.flatMap((id) => {
      const fromId = sourceOfRelationshipId(id);
      return fromId === undefined ? [] : [{ id, fromId }];
    });
    if (keys.length === 0) return ids.map(() => null);
    const rows = await this.engine.read<RelationshipRow>(this.q.getByIds, { keys });
    return inKeyOrder(ids, rows.map(toRelationship), (r) => r.id);
  }

  async get(id: string): Promise<Relationship | null> {
    const [relationship] = await this.getMany([id]);
    return relationship ?? null;
  }

  /**
   * A page of relationships for each entity, fetched in one engine call (oldest first),
   * forward (first/after) or backward (last/before; each entity's window is counted from
   * its own end).
   * @returns a map from entity id to its page; entities that do not exist are absent.
   */
  async listForEntities(
    entityIds: readonly string[],
    query: RelationshipQuery,
    page: PageArgs,
  ): Promise<Map<string, Page<RelationshipFromEntity>>> {
    checkPageArgs(page, this.limits);
    const backward = isBackward(page);
    const window = backward
      ? { backward, skip: 0, before: page.before != null ? decodeCursor(page.before, 'before') : null, limit: page.last ?? this.limits.defaultSize }
      : { backward, before: null, ...forwardWindow(page, this.limits) };
    const direction = query.direction ?? RelationshipDirection.BOTH;
    const activeAt = query.activeAt == null ? null : checkValidity(query.activeAt, null).validFrom;
    const types = await this.metamodel.listRelationshipTypes();
    const symmetricTypes = types.filter((t) => !t.directed).map((t) => t.name);
    const rows = await this.engine.read<ByEntityRow>(this.q.byEntities, {
      ids: [...new Set(entityIds)],
      types: query.types?.length ? query.types : null,
      direction,
      symmetricTypes,
      activeAt,
      ...window,
    });
    const out = new Map<string, Page<RelationshipFromEntity>>();
    for (const row of rows) {
      const items = row.relationships.map((r) => {
        const relationship = toRelationship(r);
        const outgoing = relationship.fromId === row.entityId;
        return {
          relationship,
          direction: outgoing ? RelationshipDirection.OUTGOING : RelationshipDirection.INCOMING,
          otherId: outgoing ? relationship.toId : relationship.fromId,
        } as const;
      });
      out.set(row.entityId, toPage(items, { skip: row.offset, limit: window.limit }, row.totalCount));
    }
    return out;
  }

  private async withLocked<T>(
    id: string,
    operation: string,
    actor: string,
    work: (tx: GraphTransaction, emit: Emit, current: Relationship, fromId: string) => Promise<T>,
  ): Promise<T> {
    const fromId = sourceOfRelationshipId(id);
    if (fromId === undefined) throw new NotFoundError('Relationship', id);
    return this.writes.run(operation, actor, async (tx, emit) => {
      const [locked] = await tx.run<RelationshipRow>(this.q.lock, { id, fromId, now: nowIso() });
      if (!locked) throw new NotFoundError('Relationship', id);
      return work(tx, emit, toRelationship(locked), fromId);
    });
  }

  /** Runs after the write, inside its transaction, so a refusal rolls it back. */
  private async checkCardinality(tx: GraphTransaction, type: RelationshipType, r: Relationship, validity: Validity): Promise<void> {
    const sides: { side: 'SOURCE' | 'TARGET'; entityId: string }[] = [];
    if (type.cardinality === Cardinality.MANY_TO_ONE || type.cardinality === Cardinality.ONE_TO_ONE) {
      sides.push({ side: 'SOURCE', entityId: r.fromId });
    }
    if (type.cardinality === Cardinality.ONE_TO_ONE) sides.push({ side: 'TARGET', entityId: r.toId });
    for (const { side, entityId } of sides) {
      const [row] = await tx.run<OverlapRow>(this.q.countOverlapping, {
        entityId,
        side,
        type: type.name,
        excludeId: r.id,
        ...validity,
      });
      if (row && row.overlapping > 0) {
        throw new ConflictError(
          `${type.name} is ${type.cardinality}: entity "${entityId}" already has one (${row.example ?? 'unknown'}) valid over an overlapping period; end it first`,
          { type: type.name, entityId, existing: row.example },
        );
      }
    }
  }

  private async requireType(name: string, opts: { allowDeprecated?: boolean } = {}): Promise<RelationshipType> {
    const type = await this.metamodel.findRelationshipType(name);
    if (!type) throw new BadUserInputError(`Unknown relationship type "${name}"; define it first or use a registered type`, 'type');
    if (type.deprecated && !opts.allowDeprecated) {
      throw new BadUserInputError(`Relationship type "${name}" is deprecated and accepts no new relationships`, 'type');
    }
    return type;
  }
}

function relationshipEvent(type: DomainEventType, relationship: Relationship) {
  return { type, subjectIds: [relationship.id, relationship.fromId, relationship.toId], payload: { relationship } };
}

function checkRole(role: string | null | undefined): string | null {
  if (role === null || role === undefined) return null;
  const trimmed = role.trim();
  if (trimmed.length > MAX_ROLE_LENGTH) throw new BadUserInputError(`role may be at most ${MAX_ROLE_LENGTH} characters`, 'role');
  return trimmed.length === 0 ? null : trimmed;
}
