/**
 * Relationship strength: how warm the link between two entities is, from 0 to 1.
 *
 *   strength = (wE · explicit + wT · touchpoints) / (wE + wT)
 *
 * - explicit: the relationship's own `strength` property, or `defaultStrength` when unset;
 * - touchpoints: a score from 0 to 1 for the pair, from a pluggable `TouchpointStrengthSource`
 *   (recency-decayed frequency, sentiment, channel weight; owned by the touchpoints module).
 *   Without a source the touchpoint term is left out entirely (wT counts as 0), so the
 *   default is explicit strength only.
 * Weights come from the configuration (STRENGTH_WEIGHT_EXPLICIT, STRENGTH_WEIGHT_TOUCHPOINTS,
 * STRENGTH_DEFAULT); see docs/network.md.
 */

/** The configurable weights of the formula. */
export interface StrengthWeights {
  explicit: number;
  touchpoints: number;
  /** Explicit strength assumed when a relationship has none (0 < d ≤ 1). */
  defaultStrength: number;
}

/**
 * Scores pairs of entities from their touchpoints (0: none or cold … 1: frequent, recent,
 * positive). Plugged in by the touchpoints module; keys are `pairKey(a, b)`; a missing key is 0.
 */
export interface TouchpointStrengthSource {
  scores(pairs: readonly (readonly [string, string])[], at: string | null): Promise<Map<string, number>>;
}

/** An order-independent key for a pair of entity ids. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/** Combines the explicit and touchpoint terms; `touchpoint` undefined leaves that term out. */
export function combineStrength(explicit: number | null | undefined, touchpoint: number | undefined, weights: StrengthWeights): number {
  const e = clamp(explicit ?? weights.defaultStrength);
  if (touchpoint === undefined || weights.touchpoints === 0) return e;
  const total = weights.explicit + weights.touchpoints;
  return clamp((weights.explicit * e + weights.touchpoints * clamp(touchpoint)) / total);
}

function clamp(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}
