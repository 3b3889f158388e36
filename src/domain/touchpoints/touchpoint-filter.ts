import { BadUserInputError } from '../errors';
import type { Channel } from '../channels/channel.model';
import { checkInstant, STAGE_PATTERN } from './touchpoint-rules';
import { TouchpointDirection, type TouchpointFilter } from './touchpoint.model';

/** The filter parameters of cypher/touchpoint/list.cypher and metric-rows.cypher. */
export interface TouchpointFilterParams {
  /** Where the query starts: touchpoints linked to these entities; null scans all. */
  anchorIds: string[] | null;
  channels: string[] | null;
  directions: string[] | null;
  stages: string[] | null;
  from: string | null;
  to: string | null;
  minSentiment: number | null;
  maxSentiment: number | null;
  participantIds: string[] | null;
  locationId: string | null;
  objectId: string | null;
  entityId: string | null;
  includeMembers: boolean;
}

/** The scope a filter may add: touchpoints linked to an entity, optionally with its members'. */
export interface TouchpointScope {
  entityId?: string | null;
  includeMembers?: boolean | null;
}

/**
 * Checks a touchpoint filter and turns it into query parameters.
 * @throws BadUserInputError naming the field (`filter.from`, `filter.channels[1]` …).
 */
export function toTouchpointFilterParams(
  filter: TouchpointFilter | null | undefined,
  scope: TouchpointScope,
  channels: ReadonlyMap<string, Channel>,
): TouchpointFilterParams {
  const f = filter ?? {};
  f.channels?.forEach((c, i) => {
    if (!channels.has(c)) throw new BadUserInputError(`Unknown channel "${c}"`, `filter.channels[${i}]`);
  });
  f.directions?.forEach((d, i) => {
    if (!(Object.values(TouchpointDirection) as string[]).includes(d)) {
      throw new BadUserInputError(`Unknown direction "${d}"`, `filter.directions[${i}]`);
    }
  });
  f.stages?.forEach((s, i) => {
    if (!STAGE_PATTERN.test(s)) throw new BadUserInputError(`"${s}" is not a journey stage name`, `filter.stages[${i}]`);
  });
  const from = f.from == null ? null : checkInstant(f.from, 'filter.from');
  const to = f.to == null ? null : checkInstant(f.to, 'filter.to');
  if (from !== null && to !== null && to <= from) throw new BadUserInputError('filter.to must be after filter.from', 'filter.to');
  for (const key of ['minSentiment', 'maxSentiment'] as const) {
    const v = f[key];
    if (v != null && !(v >= -1 && v <= 1)) throw new BadUserInputError(`${key} must be between -1 and 1`, `filter.${key}`);
  }
  const participantIds = nonEmpty(f.participantIds);
  const entityId = scope.entityId ?? null;
  const includeMembers = scope.includeMembers === true;
  // Start from the most selective linked entity; members are reached from the entity in the query.
  let anchorIds: string[] | null = null;
  if (entityId !== null) anchorIds = [entityId];
  else if (participantIds !== null) anchorIds = participantIds;
  else if (f.locationId != null) anchorIds = [f.locationId];
  else if (f.objectId != null) anchorIds = [f.objectId];
  return {
    anchorIds,
    channels: nonEmpty(f.channels),
    directions: nonEmpty(f.directions),
    stages: nonEmpty(f.stages),
    from,
    to,
    minSentiment: f.minSentiment ?? null,
    maxSentiment: f.maxSentiment ?? null,
    participantIds,
    locationId: f.locationId ?? null,
    objectId: f.objectId ?? null,
    entityId,
    includeMembers,
  };
}

function nonEmpty<T>(list: readonly T[] | null | undefined): T[] | null {
  return list && list.length > 0 ? [...list] : null;
}
