/** How reconnection attempts are spaced (GRAPH_RETRY_INITIAL_MS, GRAPH_RETRY_MAX_MS). */
export interface BackoffOptions {
  /** Delay before the second attempt, in ms (the first runs at once). */
  readonly initialMs: number;
  /** Upper bound of every delay, in ms. */
  readonly maxMs: number;
  /** Source of randomness in [0, 1); Math.random by default (tests pass a fixed one). */
  readonly random?: () => number;
}

/**
 * The delay before retry number `retry` (1 = the first retry): exponential growth from
 * `initialMs`, doubled per retry and capped at `maxMs`, with "equal jitter" — a uniformly
 * random value between half the capped delay and the capped delay — so many instances
 * that lost the database together do not reconnect in lockstep. Never above `maxMs`,
 * never below `min(initialMs, maxMs) / 2`.
 */
export function backoffDelay(retry: number, options: BackoffOptions): number {
  const random = options.random ?? Math.random;
  const exponent = Math.min(Math.max(retry - 1, 0), 30); // 2^30 × initial already exceeds any sane cap
  const capped = Math.min(options.maxMs, options.initialMs * 2 ** exponent);
  return Math.round(capped / 2 + random() * (capped / 2));
}
