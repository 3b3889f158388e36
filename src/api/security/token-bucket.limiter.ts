/** Token-bucket settings: `burst` requests at once, refilled at `perSecond`. `perSecond` 0 turns limiting off. */
export interface RateLimitOptions {
  perSecond: number;
  burst: number;
  /** Most buckets kept; the least recently used are dropped first (default 100,000). */
  maxKeys?: number;
}

/** The answer for one request: allowed, or when to retry. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * One token bucket per key (a principal id), in memory. Each API instance limits on its
 * own: behind N replicas a principal gets up to N times the rate.
 */
export class TokenBucketLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly options: RateLimitOptions,
    private readonly now: () => number = () => Date.now(),
  ) {}

  get enabled(): boolean {
    return this.options.perSecond > 0;
  }

  /** Takes one token for `key`. */
  take(key: string): RateDecision {
    if (!this.enabled) return { allowed: true };
    const { perSecond, burst } = this.options;
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: burst, at: now };
    this.buckets.delete(key); // re-inserted last: Map order doubles as LRU order
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
    bucket.at = now;
    let decision: RateDecision;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      decision = { allowed: true };
    } else {
      decision = { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond)) };
    }
    this.buckets.set(key, bucket);
    if (this.buckets.size > (this.options.maxKeys ?? 100_000)) {
      const oldest = this.buckets.keys().next();
      if (!oldest.done) this.buckets.delete(oldest.value);
    }
    return decision;
  }
}

/** Counts open connections per key against a maximum (0 = unlimited). */
export class ConnectionLimiter {
  private readonly open = new Map<string, number>();

  constructor(private readonly max: number) {}

  /** Registers a connection; false (and nothing registered) when `key` is at the maximum. */
  acquire(key: string): boolean {
    const count = this.open.get(key) ?? 0;
    if (this.max > 0 && count >= this.max) return false;
    this.open.set(key, count + 1);
    return true;
  }

  release(key: string): void {
    const count = (this.open.get(key) ?? 0) - 1;
    if (count <= 0) this.open.delete(key);
    else this.open.set(key, count);
  }
}
