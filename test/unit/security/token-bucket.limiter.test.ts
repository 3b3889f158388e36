import { ConnectionLimiter, TokenBucketLimiter } from '../../../src/api/security/token-bucket.limiter';

describe('token bucket per principal', () => {
  it('allows a burst, then refuses with the time until the next token, and refills', () => {
    let now = 0;
    const limiter = new TokenBucketLimiter({ perSecond: 2, burst: 3 }, () => now);
    expect([1, 2, 3].map(() => limiter.take('a').allowed)).toEqual([true, true, true]);
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.take('b').allowed).toBe(true);
    now += 500;
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
  });

  it('is off at 0 per second', () => {
    const limiter = new TokenBucketLimiter({ perSecond: 0, burst: 1 });
    expect(Array.from({ length: 100 }, () => limiter.take('a').allowed).every(Boolean)).toBe(true);
  });

  it('keeps at most maxKeys buckets', () => {
    const limiter = new TokenBucketLimiter({ perSecond: 1, burst: 1, maxKeys: 2 }, () => 0);
    limiter.take('a');
    limiter.take('b');
    limiter.take('c'); // drops a
    expect(limiter.take('a').allowed).toBe(true);
  });
});

describe('connections per principal', () => {
  it('counts up to the maximum and frees on release', () => {
    const limiter = new ConnectionLimiter(2);
    expect([limiter.acquire('a'), limiter.acquire('a'), limiter.acquire('a')]).toEqual([true, true, false]);
    limiter.release('a');
    expect(limiter.acquire('a')).toBe(true);
    expect(new ConnectionLimiter(0).acquire('a')).toBe(true);
  });
});
