/**
 * Checks of touchpoint input that need no I/O: ranges, scales, formats. Each throws a
 * BadUserInputError naming the field (relative to the touchpoint, e.g. `rating`).
 */
import { BadUserInputError } from '../errors';
import { normaliseDateTime } from '../metamodel/property-values';
import { RatingScale, TouchpointDirection } from './touchpoint.model';

/** The inclusive range of each rating scale, and whether it takes whole numbers only. */
export const RATING_SCALE_RANGE: Readonly<Record<RatingScale, { min: number; max: number; integer: boolean }>> = {
  [RatingScale.FIVE_STAR]: { min: 1, max: 5, integer: false },
  [RatingScale.TEN_POINT]: { min: 1, max: 10, integer: true },
  [RatingScale.NPS]: { min: 0, max: 10, integer: true },
  [RatingScale.PERCENT]: { min: 0, max: 100, integer: false },
  [RatingScale.BINARY]: { min: 0, max: 1, integer: true },
};

/** A journey stage: UPPER_SNAKE (standard ones in STANDARD_JOURNEY_STAGES, custom ones allowed). */
export const STAGE_PATTERN = /^[A-Z][A-Z0-9_]{0,63}$/;

const LIMITS = { subject: 500, summary: 20_000, outcome: 500, role: 200 } as const;
/** A touchpoint lasts at most a year. */
const MAX_DURATION_MINUTES = 525_600;

/** @returns the instant as UTC ISO-8601. */
export function checkInstant(value: string, field: string): string {
  const instant = typeof value === 'string' ? normaliseDateTime(value) : undefined;
  if (instant === undefined) {
    throw new BadUserInputError(`${field} must be a real ISO-8601 date-time with a time zone, e.g. 2026-03-01T09:00:00Z`, field);
  }
  return instant;
}

export function checkDirection(value: unknown): TouchpointDirection {
  if (typeof value === 'string' && (Object.values(TouchpointDirection) as string[]).includes(value)) return value as TouchpointDirection;
  throw new BadUserInputError(`direction must be one of ${Object.values(TouchpointDirection).join(', ')}`, 'direction');
}

export function checkSentiment(value: number | null | undefined): number | null {
  if (value == null) return null;
  if (!Number.isFinite(value) || value < -1 || value > 1) {
    throw new BadUserInputError(`sentiment must be between -1 and 1, got ${value}`, 'sentiment');
  }
  return value;
}

/** Checks a rating against its scale; a rating needs a scale. */
export function checkRating(rating: number | null | undefined, scale: RatingScale | null | undefined): { rating: number | null; ratingScale: RatingScale | null } {
  if (rating == null) return { rating: null, ratingScale: scale ?? null };
  if (scale == null) throw new BadUserInputError('A rating needs its ratingScale (FIVE_STAR, NPS …)', 'ratingScale');
  const range = RATING_SCALE_RANGE[scale];
  if (range === undefined) throw new BadUserInputError(`Unknown rating scale ${String(scale)}`, 'ratingScale');
  if (!Number.isFinite(rating) || rating < range.min || rating > range.max || (range.integer && !Number.isInteger(rating))) {
    throw new BadUserInputError(
      `A ${scale} rating is ${range.integer ? 'a whole number ' : ''}from ${range.min} to ${range.max}, got ${rating}`,
      'rating',
      { min: range.min, max: range.max },
    );
  }
  return { rating, ratingScale: scale };
}

export function checkDuration(value: number | null | undefined): number | null {
  if (value == null) return null;
  if (!Number.isFinite(value) || value < 0 || value > MAX_DURATION_MINUTES) {
    throw new BadUserInputError(`durationMinutes must be between 0 and ${MAX_DURATION_MINUTES}`, 'durationMinutes');
  }
  return value;
}

export function checkStage(value: string | null | undefined): string | null {
  if (value == null) return null;
  if (!STAGE_PATTERN.test(value)) {
    throw new BadUserInputError('A journey stage is UPPER_SNAKE_CASE, e.g. CONSIDERATION or a custom TRIAL_PERIOD', 'stage');
  }
  return value;
}

/** Trims text; blank becomes null. */
export function checkText(value: string | null | undefined, field: keyof typeof LIMITS): string | null {
  if (value == null) return null;
  const trimmed = value.trim();
  if (trimmed.length > LIMITS[field]) throw new BadUserInputError(`${field} may be at most ${LIMITS[field]} characters`, field);
  return trimmed.length === 0 ? null : trimmed;
}

export function checkRole(value: string | null | undefined, field: string): string | null {
  if (value == null) return null;
  const trimmed = value.trim();
  if (trimmed.length > LIMITS.role) throw new BadUserInputError(`A role may be at most ${LIMITS.role} characters`, field);
  return trimmed.length === 0 ? null : trimmed;
}

/** The one rule for idempotency keys, shared with entities, relationships and bookings. */
export { checkIdempotencyKey } from '../shared/idempotency';
