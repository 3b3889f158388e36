import { BadUserInputError } from '../../domain/errors';
import { DomainEventType, type DomainEvent } from '../../events/domain-event';
import type { EventPredicate } from '../../events/event-subscription';

/** Most values one filter list accepts. */
export const MAX_FILTER_VALUES = 1_000;

const ENTITY_EVENTS: ReadonlySet<string> = new Set([
  DomainEventType.ENTITY_CREATED,
  DomainEventType.ENTITY_UPDATED,
  DomainEventType.ENTITY_DELETED,
]);

const RELATIONSHIP_EVENTS: ReadonlySet<string> = new Set([
  DomainEventType.RELATIONSHIP_CREATED,
  DomainEventType.RELATIONSHIP_UPDATED,
  DomainEventType.RELATIONSHIP_ENDED,
  DomainEventType.RELATIONSHIP_DELETED,
]);

/** A filter list as a set; null when absent or empty (no condition). @throws BadUserInputError when too long. */
export function filterSet(values: readonly string[] | null | undefined, field: string): ReadonlySet<string> | null {
  if (values === null || values === undefined || values.length === 0) return null;
  if (values.length > MAX_FILTER_VALUES) throw new BadUserInputError(`At most ${MAX_FILTER_VALUES} values are accepted`, field);
  return new Set(values);
}

/** A string property of the record an event carries (payload[record][key]), if any. */
export function recordField(event: DomainEvent, record: string, key: string): unknown {
  const value = event.payload[record];
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

/** Committed import batches, by the records they wrote (null or empty: all). */
export function importBatchPredicate(records: readonly string[] | null): EventPredicate {
  const wanted = filterSet(records, 'records');
  return (event) => event.type === DomainEventType.IMPORT_BATCH_COMMITTED && (wanted === null || wanted.has(String(event.payload.records)));
}

/** Entity changes, by entity ids and kinds. */
export function entityChangePredicate(filter: { ids?: string[] | null; kinds?: string[] | null }): EventPredicate {
  const ids = filterSet(filter.ids, 'filter.ids');
  const kinds = filterSet(filter.kinds, 'filter.kinds');
  return (event) => {
    if (!ENTITY_EVENTS.has(event.type)) return false;
    if (ids && !ids.has(event.subjectIds[0] ?? '')) return false;
    if (kinds && !kinds.has(String(recordField(event, 'entity', 'kind')))) return false;
    return true;
  };
}

/** Relationship changes, by relationship or endpoint ids and relationship types. */
export function relationshipChangePredicate(filter: { ids?: string[] | null; types?: string[] | null }): EventPredicate {
  const ids = filterSet(filter.ids, 'filter.ids');
  const types = filterSet(filter.types, 'filter.types');
  return (event) => {
    if (!RELATIONSHIP_EVENTS.has(event.type)) return false;
    // subjectIds: [relationshipId, fromId, toId]
    if (ids && !event.subjectIds.some((id) => ids.has(id))) return false;
    if (types && !types.has(String(recordField(event, 'relationship', 'type')))) return false;
    return true;
  };
}

/** What touchpointRecorded filters on. */
export interface TouchpointFilter {
  participantIds?: string[] | null;
  channels?: string[] | null;
  participantKinds?: string[] | null;
  minSentiment?: number | null;
  maxSentiment?: number | null;
  withinNetworkOf?: { id: string; depth?: number | null; types?: string[] | null } | null;
}

/** The lookups a touchpoint predicate needs (see SubscriptionLookups). */
export interface TouchpointLookups {
  network(scope: { id: string; depth: number; types: readonly string[] | null }): Promise<ReadonlySet<string>>;
  kindsOf(eventId: string, ids: readonly string[]): Promise<ReadonlyMap<string, string>>;
}

interface TouchpointPayload {
  channel?: unknown;
  sentiment?: unknown;
  participants?: { entityId: string }[];
}

/** The touchpoint event types of `touchpointRecorded`. */
export const TOUCHPOINT_RECORDED_EVENTS: ReadonlySet<string> = new Set([DomainEventType.TOUCHPOINT_RECORDED]);

/** The touchpoint event types of `touchpointChanged`. */
export const TOUCHPOINT_EVENTS: ReadonlySet<string> = new Set([
  DomainEventType.TOUCHPOINT_RECORDED,
  DomainEventType.TOUCHPOINT_UPDATED,
  DomainEventType.TOUCHPOINT_DELETED,
]);

/**
 * Touchpoint events of the given types, by participants, channels, participant kinds,
 * sentiment range and network. An update matches when the touchpoint matches before or
 * after it (so a subscriber also learns that one left its filter). Cheap conditions
 * first; the network is resolved when the event is examined.
 * @throws BadUserInputError for a depth outside 1..2 or min above max.
 */
export function touchpointPredicate(filter: TouchpointFilter, lookups: TouchpointLookups, types: ReadonlySet<string>): EventPredicate {
  const participants = filterSet(filter.participantIds, 'filter.participantIds');
  const channels = filterSet(filter.channels, 'filter.channels');
  const kinds = filterSet(filter.participantKinds, 'filter.participantKinds');
  const min = filter.minSentiment ?? null;
  const max = filter.maxSentiment ?? null;
  if (min !== null && max !== null && min > max) throw new BadUserInputError('minSentiment must not exceed maxSentiment', 'filter.minSentiment');
  const scope = filter.withinNetworkOf
    ? {
        id: filter.withinNetworkOf.id,
        depth: filter.withinNetworkOf.depth ?? 1,
        types: filterSet(filter.withinNetworkOf.types, 'filter.withinNetworkOf.types') ? [...(filter.withinNetworkOf.types ?? [])] : null,
      }
    : null;
  if (scope && (!Number.isInteger(scope.depth) || scope.depth < 1 || scope.depth > 2)) {
    throw new BadUserInputError('withinNetworkOf.depth must be 1 or 2', 'filter.withinNetworkOf.depth');
  }
  const matches = async (event: DomainEvent, tp: TouchpointPayload): Promise<boolean> => {
    const ids = (tp.participants ?? []).map((p) => p.entityId);
    if (channels && !channels.has(String(tp.channel))) return false;
    const sentiment = typeof tp.sentiment === 'number' ? tp.sentiment : null;
    if (min !== null && (sentiment === null || sentiment < min)) return false;
    if (max !== null && (sentiment === null || sentiment > max)) return false;
    if (participants && !ids.some((id) => participants.has(id))) return false;
    if (kinds) {
      const found = await lookups.kindsOf(event.id, ids);
      if (!ids.some((id) => kinds.has(found.get(id) ?? ''))) return false;
    }
    if (scope) {
      const network = await lookups.network(scope);
      if (!ids.some((id) => network.has(id))) return false;
    }
    return true;
  };
  return async (event) => {
    if (!types.has(event.type)) return false;
    if (await matches(event, (event.payload.touchpoint ?? {}))) return true;
    const previous = event.payload.previous as TouchpointPayload | undefined;
    return previous !== undefined && (await matches(event, previous));
  };
}

/** Bookings made or cancelled on one resource. */
export function occupancyPredicate(resourceId: string): EventPredicate {
  return (event) =>
    (event.type === DomainEventType.BOOKING_MADE || event.type === DomainEventType.BOOKING_CANCELLED) &&
    recordField(event, 'booking', 'resourceId') === resourceId;
}
