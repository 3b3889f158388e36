import type { PropertyValues } from '../metamodel/metamodel.types';

/** Which way an interaction went, seen from the organisation using xrm-graph. */
export enum TouchpointDirection {
  INBOUND = 'INBOUND',
  OUTBOUND = 'OUTBOUND',
  INTERNAL = 'INTERNAL',
}

/** The scale a rating is given on; each has its range (see RATING_SCALE_RANGE). */
export enum RatingScale {
  /** 1 to 5 stars (halves allowed). */
  FIVE_STAR = 'FIVE_STAR',
  /** 1 to 10 points (whole numbers). */
  TEN_POINT = 'TEN_POINT',
  /** Net Promoter Score answer: 0 to 10 (whole numbers). */
  NPS = 'NPS',
  /** 0 to 100 percent. */
  PERCENT = 'PERCENT',
  /** 0 (thumbs down) or 1 (thumbs up). */
  BINARY = 'BINARY',
}

/** The standard stages of a customer journey; stages are free UPPER_SNAKE names, these are the usual ones. */
export const STANDARD_JOURNEY_STAGES = [
  'AWARENESS', 'CONSIDERATION', 'PURCHASE', 'ONBOARDING', 'SERVICE', 'LOYALTY', 'ADVOCACY',
] as const;

/** An entity taking part in a touchpoint, with the role it played. */
export interface TouchpointParticipant {
  entityId: string;
  /** e.g. "guest", "account manager"; null when not given. */
  role: string | null;
}

/** One interaction on one channel: `(:Touchpoint)` with its INVOLVES / ABOUT / AT links. */
export interface Touchpoint {
  id: string;
  channel: string;
  direction: TouchpointDirection;
  /** ISO-8601 instant. */
  occurredAt: string;
  durationMinutes: number | null;
  subject: string | null;
  summary: string | null;
  /** −1 (very negative) … 1 (very positive). */
  sentiment: number | null;
  rating: number | null;
  ratingScale: RatingScale | null;
  outcome: string | null;
  /** Journey stage, e.g. CONSIDERATION. */
  stage: string | null;
  /** The client's key for idempotent recording. */
  idempotencyKey: string | null;
  /** At least one; at least one of them a stakeholder. */
  participants: TouchpointParticipant[];
  /** The objects it was about. */
  objectIds: string[];
  /** Where it happened. */
  locationId: string | null;
  /** Custom properties, validated against the channel's property schema. */
  properties: PropertyValues;
  version: number;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
  updatedBy: string;
}

/** What a client sends to record a touchpoint. */
export interface RecordTouchpointCommand {
  channel: string;
  direction: TouchpointDirection;
  occurredAt: string;
  durationMinutes?: number | null;
  subject?: string | null;
  summary?: string | null;
  sentiment?: number | null;
  rating?: number | null;
  ratingScale?: RatingScale | null;
  outcome?: string | null;
  stage?: string | null;
  /** A retry with the same key returns the first result and writes nothing. */
  idempotencyKey?: string | null;
  participants: readonly { entityId: string; role?: string | null }[];
  objectIds?: readonly string[] | null;
  locationId?: string | null;
  properties?: Record<string, unknown> | null;
}

/** Changes to a touchpoint: undefined leaves a field as it is, null clears it. Lists replace the old ones. */
export interface UpdateTouchpointCommand {
  id: string;
  expectedVersion: number;
  channel?: string | null;
  direction?: TouchpointDirection | null;
  occurredAt?: string | null;
  durationMinutes?: number | null;
  subject?: string | null;
  summary?: string | null;
  sentiment?: number | null;
  rating?: number | null;
  ratingScale?: RatingScale | null;
  outcome?: string | null;
  stage?: string | null;
  participants?: readonly { entityId: string; role?: string | null }[] | null;
  objectIds?: readonly string[] | null;
  locationId?: string | null;
  /** Properties to set; a null value removes one. */
  properties?: Record<string, unknown> | null;
}

/** Which touchpoints to list or measure. Every given condition must hold. */
export interface TouchpointFilter {
  /** Involving any of these entities. */
  participantIds?: readonly string[] | null;
  channels?: readonly string[] | null;
  directions?: readonly TouchpointDirection[] | null;
  /** occurredAt ≥ from (ISO-8601). */
  from?: string | null;
  /** occurredAt < to (ISO-8601). */
  to?: string | null;
  minSentiment?: number | null;
  maxSentiment?: number | null;
  stages?: readonly string[] | null;
  /** Happened at this location. */
  locationId?: string | null;
  /** Was about this object. */
  objectId?: string | null;
}

export enum TouchpointOrder {
  NEWEST_FIRST = 'NEWEST_FIRST',
  OLDEST_FIRST = 'OLDEST_FIRST',
}

/** One refused item of a bulk recording. */
export interface BulkItemError {
  index: number;
  /** Path inside the item, e.g. `rating`, `participants[0].entityId`. */
  field: string | null;
  code: string;
  message: string;
}
