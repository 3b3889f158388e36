import { DomainEventType } from '../../events/domain-event';
import type { GraphTransaction, GraphEngine } from '../../graph/graph-engine.port';
import type { RecordedWrites } from '../../events/recorded-writes';
import type { CypherQuery, QueryCatalogue } from '../../graph/query-catalogue';
import type { Channel } from '../channels/channel.model';
import type { ChannelReader } from '../channels/channel.service';
import type { Entity } from '../entities/entity.model';
import { BadUserInputError, ConflictError, DomainError, NotFoundError } from '../errors';
import { Category, type PropertyValue } from '../metamodel/metamodel.types';
import { validatePropertyValues } from '../metamodel/property-values';
import { nowIso } from '../shared/clock';
import { newId } from '../shared/ids';
import {
  checkPageArgs,
  fetchRequestedPage,
  type Page,
  type PageArgs,
  type PageLimits,
  type PageWindow,
} from '../shared/page';
import { inKeyOrder } from '../shared/key-order';
import { checkVersion } from '../shared/version';
import { toTouchpointFilterParams, type TouchpointFilterParams, type TouchpointScope } from './touchpoint-filter';
import { linkedEntityIds, toTouchpoint, type TouchpointRow } from './touchpoint-record';
import {
  checkDirection,
  checkDuration,
  checkIdempotencyKey,
  checkInstant,
  checkRating,
  checkRole,
  checkSentiment,
  checkStage,
  checkText,
} from './touchpoint-rules';
import {
  TouchpointOrder,
  type BulkItemError,
  type RecordTouchpointCommand,
  type Touchpoint,
  type TouchpointFilter,
  type UpdateTouchpointCommand,
} from './touchpoint.model';
import { UnknownEntityError } from './unknown-entity.error';

/** Most touchpoints one bulk recording may carry. */
export const MAX_BULK_TOUCHPOINTS = 1000;

/** What the touchpoint service needs from the entity service. */
export interface EntityLookup {
  getMany(ids: readonly string[]): Promise<(Entity | null)[]>;
}

type LinkKind = 'INVOLVES' | 'ABOUT' | 'AT';
interface Link {
  touchpointId: string;
  entityId: string;
  link: LinkKind;
  role: string | null;
}
interface Draft {
  id: string;
  key: string | null;
  props: Record<string, unknown>;
  occurredAt: string;
  links: Link[];
}
interface ListRow extends Record<string, unknown> {
  totalCount: number;
  ids: string[];
}

/**
 * Records, changes, deletes and finds touchpoints: interactions on a channel with one or
 * more participants, stored as `(:Touchpoint)-[:INVOLVES {role}]->(:Entity)`, `-[:ABOUT]->`
 * objects and `-[:AT]->` a location. Every write emits TOUCHPOINT_* events whose
 * subjectIds are the touchpoint id and every linked entity id.
 */
export class TouchpointService {
  private readonly q: Record<
    'findByKeys' | 'createMany' | 'linkMany' | 'getByIds' | 'lock' | 'update' | 'unlink' | 'delete' | 'list',
    CypherQuery
  >;

  constructor(
    private readonly engine: GraphEngine,
    catalogue: QueryCatalogue,
    private readonly channels: ChannelReader,
    private readonly entities: EntityLookup,
    private readonly limits: PageLimits,
    private readonly writes: RecordedWrites,
  ) {
    this.q = {
      findByKeys: catalogue.get('touchpoint/find-by-keys'),
      createMany: catalogue.get('touchpoint/create-many'),
      linkMany: catalogue.get('touchpoint/link-many'),
      getByIds: catalogue.get('touchpoint/get-by-ids'),
      lock: catalogue.get('touchpoint/lock-for-update'),
      update: catalogue.get('touchpoint/update'),
      unlink: catalogue.get('touchpoint/unlink'),
      delete: catalogue.get('touchpoint/delete'),
      list: catalogue.get('touchpoint/list'),
    };
  }

  /**
   * Records one touchpoint. With an idempotencyKey that was used before, returns the
   * touchpoint first recorded under it and writes nothing.
   * @throws BadUserInputError (invalid channel, rating outside its scale, sentiment outside
   *   −1…1, impossible occurredAt, no stakeholder participant …) or NOT_FOUND for an unknown
   *   participant, object or location; nothing is written then.
   */
  async record(command: RecordTouchpointCommand, actor: string): Promise<Touchpoint> {
    const { drafts, errors } = await this.prepare([command], actor);
    const first = errors[0];
    if (first) throw first.error;
    const [touchpoint] = await this.insert(drafts, actor);
    if (!touchpoint) throw new Error('recording returned no touchpoint');
    return touchpoint;
  }

  /**
   * Records up to MAX_BULK_TOUCHPOINTS touchpoints, all or nothing, in one transaction.
   * Items whose idempotencyKey was used before return the earlier touchpoint.
   * @returns the touchpoints in input order.
   * @throws BadUserInputError (field `touchpoints`, `itemErrors: [{index, field, code, message}]`)
   *   when any item is refused; nothing is written then.
   */
  async recordMany(commands: readonly RecordTouchpointCommand[], actor: string): Promise<Touchpoint[]> {
    if (commands.length === 0) return [];
    if (commands.length > MAX_BULK_TOUCHPOINTS) {
      throw new BadUserInputError(`At most ${MAX_BULK_TOUCHPOINTS} touchpoints may be recorded at once, got ${commands.length}`, 'touchpoints', {
        max: MAX_BULK_TOUCHPOINTS,
      });
    }
    const { drafts, errors } = await this.prepare(commands, actor);
    if (errors.length > 0) {
      const itemErrors: BulkItemError[] = errors.map(({ index, error }) => ({
        index,
        field: typeof error.details.field === 'string' ? error.details.field : null,
        code: error.code,
        message: error.message,
      }));
      throw new BadUserInputError(
        `${errors.length} of ${commands.length} touchpoints were refused; nothing was recorded (see itemErrors)`,
        'touchpoints',
        { itemErrors },
      );
    }
    return this.insert(drafts, actor);
  }

  /**
   * Changes a touchpoint. Fields left undefined stay; null clears; participants, objectIds
   * and locationId, when given, replace the old links.
   * @throws NotFoundError, ConflictError on a stale version, BadUserInputError on invalid values.
   */
  async update(command: UpdateTouchpointCommand, actor: string): Promise<Touchpoint> {
    const entityIds = [
      ...(command.participants ?? []).map((p) => p.entityId),
      ...(command.objectIds ?? []),
      ...(command.locationId ? [command.locationId] : []),
    ];
    const entities = await this.entityMap(entityIds);
    const channels = await this.channelMap();
    return this.writes.run('touchpoint.update', actor, async (tx, emit) => {
      const current = await this.lock(tx, command.id);
      checkVersion('Touchpoint', { id: current.id }, command.expectedVersion, current.version);
      const changes: Record<string, unknown> = {};
      let channel = channels.get(current.channel);
      if (command.channel != null && command.channel !== current.channel) {
        channel = requireChannel(channels, command.channel); // a touchpoint may keep its deprecated channel, not move to one
        changes.channel = channel.name;
      }
      if (command.direction != null) changes.direction = checkDirection(command.direction);
      const occurredAt = command.occurredAt != null ? checkInstant(command.occurredAt, 'occurredAt') : current.occurredAt;
      if (command.durationMinutes !== undefined) changes.durationMinutes = checkDuration(command.durationMinutes);
      if (command.subject !== undefined) changes.subject = checkText(command.subject, 'subject');
      if (command.summary !== undefined) changes.summary = checkText(command.summary, 'summary');
      if (command.outcome !== undefined) changes.outcome = checkText(command.outcome, 'outcome');
      if (command.stage !== undefined) changes.stage = checkStage(command.stage);
      if (command.sentiment !== undefined) changes.sentiment = checkSentiment(command.sentiment);
      if (command.rating !== undefined || command.ratingScale !== undefined) {
        const rated = checkRating(
          command.rating === undefined ? current.rating : command.rating,
          command.ratingScale === undefined ? current.ratingScale : command.ratingScale,
        );
        changes.rating = rated.rating;
        changes.ratingScale = rated.ratingScale;
      }
      if (command.properties) {
        Object.assign(
          changes,
          validatePropertyValues(channel?.properties ?? [], command.properties, { fieldPath: 'properties', partial: true }),
        );
      }
      const links: Link[] = [];
      const relink: LinkKind[] = [];
      if (command.participants != null) {
        links.push(...participantLinks(current.id, command.participants, entities));
        relink.push('INVOLVES');
      }
      if (command.objectIds != null) {
        links.push(...objectLinks(current.id, command.objectIds, entities));
        relink.push('ABOUT');
      }
      if (command.locationId !== undefined) {
        links.push(...locationLinks(current.id, command.locationId, entities));
        relink.push('AT');
      }
      await tx.run(this.q.update, { id: current.id, changes, occurredAt, actor, now: nowIso() });
      if (relink.length > 0) {
        await tx.run(this.q.unlink, { id: current.id, links: relink });
        await this.link(tx, links);
      }
      const [updated] = await this.readIn(tx, [current.id]);
      if (!updated) throw new NotFoundError('Touchpoint', command.id);
      emit({
        type: DomainEventType.TOUCHPOINT_UPDATED,
        subjectIds: [updated.id, ...new Set([...linkedEntityIds(updated), ...linkedEntityIds(current)])],
        payload: { touchpoint: updated, previous: current },
      });
      return updated;
    });
  }

  /** Deletes a touchpoint and its links. @returns it as it was. */
  async delete(id: string, expectedVersion: number | null | undefined, actor: string): Promise<Touchpoint> {
    return this.writes.run('touchpoint.delete', actor, async (tx, emit) => {
      const current = await this.lock(tx, id);
      if (expectedVersion != null) checkVersion('Touchpoint', { id }, expectedVersion, current.version);
      await tx.run(this.q.delete, { id });
      emit({ type: DomainEventType.TOUCHPOINT_DELETED, subjectIds: [id, ...linkedEntityIds(current)], payload: { touchpoint: current } });
      return current;
    });
  }

  async get(id: string): Promise<Touchpoint | null> {
    const [touchpoint] = await this.getMany([id]);
    return touchpoint ?? null;
  }

  /** Touchpoints for the ids, in order, null where none exists (the DataLoader contract). */
  async getMany(ids: readonly string[]): Promise<(Touchpoint | null)[]> {
    if (ids.length === 0) return [];
    const rows = await this.engine.read<TouchpointRow>(this.q.getByIds, { ids: [...new Set(ids)] });
    return inKeyOrder(ids, rows.map(toTouchpoint), (t) => t.id);
  }

  /**
   * A page of touchpoints matching the filter (and scope), newest first by default.
   * Two engine calls (three when paging backward).
   */
  async list(
    filter: TouchpointFilter | null | undefined,
    scope: TouchpointScope,
    order: TouchpointOrder | null | undefined,
    page: PageArgs,
  ): Promise<Page<Touchpoint>> {
    checkPageArgs(page, this.limits);
    const params = await this.filterParams(filter, scope);
    const descending = (order ?? TouchpointOrder.NEWEST_FIRST) === TouchpointOrder.NEWEST_FIRST;
    return fetchRequestedPage(page, this.limits, async (window) => {
      const { totalCount, ids } = await this.fetchIds(params, descending, window);
      const items = (await this.getMany(ids)).filter((t): t is Touchpoint => t !== null);
      return { items, totalCount };
    });
  }

  /** Checks a filter and scope against the channels and returns the query parameters. */
  async filterParams(filter: TouchpointFilter | null | undefined, scope: TouchpointScope): Promise<TouchpointFilterParams> {
    return toTouchpointFilterParams(filter, scope, await this.channelMap());
  }

  private async fetchIds(params: TouchpointFilterParams, descending: boolean, window: PageWindow): Promise<ListRow> {
    const [row] = await this.engine.read<ListRow>(this.q.list, { ...params, descending, ...window });
    return { totalCount: row?.totalCount ?? 0, ids: row?.ids ?? [] };
  }

  /** Validates every command; errors are collected per item, not thrown. */
  private async prepare(
    commands: readonly RecordTouchpointCommand[],
    actor: string,
  ): Promise<{ drafts: Draft[]; errors: { index: number; error: DomainError }[] }> {
    const channels = await this.channelMap();
    const entities = await this.entityMap(
      commands.flatMap((c) => [
        ...listOf(c.participants).map((p) => p.entityId),
        ...(c.objectIds ?? []),
        ...(c.locationId ? [c.locationId] : []),
      ]),
    );
    const drafts: Draft[] = [];
    const errors: { index: number; error: DomainError }[] = [];
    const keys = new Map<string, number>();
    commands.forEach((command, index) => {
      try {
        const draft = toDraft(command, channels, entities, actor);
        if (draft.key !== null) {
          const earlier = keys.get(draft.key);
          if (earlier !== undefined) {
            throw new BadUserInputError(`idempotencyKey "${draft.key}" is also used by item ${earlier}`, 'idempotencyKey');
          }
          keys.set(draft.key, index);
        }
        drafts.push(draft);
      } catch (error) {
        if (error instanceof DomainError) errors.push({ index, error });
        else throw error;
      }
    });
    return { drafts, errors };
  }

  /** Writes the drafts whose keys are new, in one transaction; returns all, in order. */
  private insert(drafts: Draft[], actor: string): Promise<Touchpoint[]> {
    return this.writes.run(drafts.length === 1 ? 'touchpoint.record' : 'touchpoint.recordMany', actor, async (tx, emit) => {
      const keys = drafts.flatMap((d) => (d.key === null ? [] : [d.key]));
      const existing = new Map<string, string>();
      if (keys.length > 0) {
        const rows = await tx.run<{ idempotencyKey: string; id: string }>(this.q.findByKeys, { keys });
        for (const row of rows) existing.set(row.idempotencyKey, row.id);
      }
      const ids = drafts.map((d) => (d.key !== null ? existing.get(d.key) : undefined) ?? d.id);
      const fresh = drafts.filter((d) => d.key === null || !existing.has(d.key));
      if (fresh.length > 0) {
        await tx.run(this.q.createMany, {
          rows: fresh.map((d) => ({ props: d.props, occurredAt: d.occurredAt })),
          now: nowIso(),
        });
        await this.link(tx, fresh.flatMap((d) => d.links));
      }
      const read = new Map((await this.readIn(tx, ids)).map((t) => [t.id, t]));
      const out = ids.map((id) => {
        const t = read.get(id);
        if (!t) throw new Error(`touchpoint ${id} was not found after recording`);
        return t;
      });
      for (const draft of fresh) {
        const touchpoint = read.get(draft.id);
        if (!touchpoint) continue;
        emit({ type: DomainEventType.TOUCHPOINT_RECORDED, subjectIds: [touchpoint.id, ...linkedEntityIds(touchpoint)], payload: { touchpoint } });
      }
      return out;
    });
  }

  /** Creates links; an entity deleted since validation rolls the whole write back. */
  private async link(tx: GraphTransaction, links: Link[]): Promise<void> {
    if (links.length === 0) return;
    const [row] = await tx.run<{ linked: number }>(this.q.linkMany, { links });
    if ((row?.linked ?? 0) !== links.length) {
      throw new ConflictError('A participant, object or location was deleted while the touchpoint was being written; retry', {});
    }
  }

  private async lock(tx: GraphTransaction, id: string): Promise<Touchpoint> {
    const [row] = await tx.run<TouchpointRow>(this.q.lock, { id, now: nowIso() });
    if (!row) throw new NotFoundError('Touchpoint', id);
    return toTouchpoint(row);
  }

  private async readIn(tx: GraphTransaction, ids: string[]): Promise<Touchpoint[]> {
    if (ids.length === 0) return [];
    return (await tx.run<TouchpointRow>(this.q.getByIds, { ids: [...new Set(ids)] })).map(toTouchpoint);
  }

  private async channelMap(): Promise<Map<string, Channel>> {
    return new Map((await this.channels.listChannels()).map((c) => [c.name, c]));
  }

  private async entityMap(ids: readonly string[]): Promise<Map<string, Entity>> {
    const unique = [...new Set(ids.filter((id) => typeof id === 'string'))];
    const found = await this.entities.getMany(unique);
    return new Map(found.filter((e): e is Entity => e !== null).map((e) => [e.id, e]));
  }
}

/** Validates one command against the channels and the entities it names. */
function toDraft(
  command: RecordTouchpointCommand,
  channels: ReadonlyMap<string, Channel>,
  entities: ReadonlyMap<string, Entity>,
  actor: string,
): Draft {
  const channel = requireChannel(channels, command.channel);
  const direction = checkDirection(command.direction);
  const occurredAt = checkInstant(command.occurredAt, 'occurredAt');
  const { rating, ratingScale } = checkRating(command.rating, command.ratingScale);
  const custom = validatePropertyValues(channel.properties, command.properties ?? {}, { fieldPath: 'properties', partial: false });
  const id = newId();
  const links = [
    ...participantLinks(id, command.participants, entities),
    ...objectLinks(id, command.objectIds ?? [], entities),
    ...locationLinks(id, command.locationId ?? null, entities),
  ];
  const key = checkIdempotencyKey(command.idempotencyKey);
  const props: Record<string, PropertyValue | null> = {
    ...custom,
    id,
    channel: channel.name,
    direction,
    durationMinutes: checkDuration(command.durationMinutes),
    subject: checkText(command.subject, 'subject'),
    summary: checkText(command.summary, 'summary'),
    sentiment: checkSentiment(command.sentiment),
    rating,
    ratingScale,
    outcome: checkText(command.outcome, 'outcome'),
    stage: checkStage(command.stage),
    idempotencyKey: key,
    version: 1,
    createdBy: actor,
    updatedBy: actor,
  };
  return { id, key, props, occurredAt, links };
}

function requireChannel(channels: ReadonlyMap<string, Channel>, name: string): Channel {
  const channel = channels.get(name);
  if (!channel) {
    throw new BadUserInputError(`Unknown channel "${name}"; define it first or use one of: ${[...channels.keys()].join(', ')}`, 'channel');
  }
  if (channel.deprecated) {
    const usable = [...channels.values()].filter((c) => !c.deprecated).map((c) => c.name);
    throw new BadUserInputError(`Channel "${name}" is deprecated and takes no new touchpoints; use one of: ${usable.join(', ')}`, 'channel');
  }
  return channel;
}

function participantLinks(
  touchpointId: string,
  participants: readonly { entityId: string; role?: string | null }[],
  entities: ReadonlyMap<string, Entity>,
): Link[] {
  if (listOf(participants).length === 0) {
    throw new BadUserInputError('A touchpoint needs at least one participant', 'participants');
  }
  const seen = new Set<string>();
  let stakeholders = 0;
  const links = listOf(participants).map((p, i): Link => {
    const field = `participants[${i}].entityId`;
    const entity = entities.get(p.entityId);
    if (!entity) throw new UnknownEntityError(p.entityId, field);
    if (seen.has(entity.id)) throw new BadUserInputError(`Entity "${entity.id}" is named twice as participant`, field);
    seen.add(entity.id);
    if (entity.category === Category.STAKEHOLDER) stakeholders += 1;
    return { touchpointId, entityId: entity.id, link: 'INVOLVES', role: checkRole(p.role, `participants[${i}].role`) };
  });
  if (stakeholders === 0) {
    throw new BadUserInputError('At least one participant must be a stakeholder (a person, organisation …)', 'participants');
  }
  return links;
}

function objectLinks(touchpointId: string, objectIds: readonly string[], entities: ReadonlyMap<string, Entity>): Link[] {
  const seen = new Set<string>();
  return objectIds.flatMap((id, i): Link[] => {
    const field = `objectIds[${i}]`;
    const entity = entities.get(id);
    if (!entity) throw new UnknownEntityError(id, field);
    if (entity.category !== Category.OBJECT) {
      throw new BadUserInputError(`"${entity.name}" is a ${entity.kind}, not an object`, field);
    }
    if (seen.has(id)) return [];
    seen.add(id);
    return [{ touchpointId, entityId: id, link: 'ABOUT', role: null }];
  });
}

function locationLinks(touchpointId: string, locationId: string | null, entities: ReadonlyMap<string, Entity>): Link[] {
  if (locationId === null) return [];
  const entity = entities.get(locationId);
  if (!entity) throw new UnknownEntityError(locationId, 'locationId');
  if (entity.category !== Category.LOCATION) {
    throw new BadUserInputError(`"${entity.name}" is a ${entity.kind}, not a location`, 'locationId');
  }
  return [{ touchpointId, entityId: locationId, link: 'AT', role: null }];
}

/** The list, or empty when a caller outside GraphQL passed something else. */
function listOf<T>(value: readonly T[] | null | undefined): readonly T[] {
  const untrusted: unknown = value;
  return Array.isArray(untrusted) ? (value as readonly T[]) : [];
}
