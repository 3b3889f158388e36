import { backoffDelay } from '../../../src/graph/backoff';

const schedule = (random: () => number, retries = 12) =>
  Array.from({ length: retries }, (_, i) => backoffDelay(i + 1, { initialMs: 500, maxMs: 30_000, random }));

describe('backoffDelay', () => {
  it('doubles from the initial delay up to the cap when jitter is at its top', () => {
    expect(schedule(() => 0.999999)).toEqual([500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000, 30000, 30000, 30000]);
  });

  it('never goes below half of the capped delay (equal jitter)', () => {
    expect(schedule(() => 0)).toEqual([250, 500, 1000, 2000, 4000, 8000, 15000, 15000, 15000, 15000, 15000, 15000]);
  });

  it('spreads delays between half and all of the capped delay', () => {
    expect(backoffDelay(3, { initialMs: 500, maxMs: 30_000, random: () => 0.5 })).toBe(1500);
  });

  it('stays within the bound for any attempt number, however large', () => {
    for (const retry of [1, 10, 31, 64, 1_000, Number.MAX_SAFE_INTEGER]) {
      const delay = backoffDelay(retry, { initialMs: 100, maxMs: 5_000 });
      expect(delay).toBeGreaterThanOrEqual(50);
      expect(delay).toBeLessThanOrEqual(5_000);
    }
  });

  it('treats a retry number below 1 as the first retry', () => {
    expect(backoffDelay(0, { initialMs: 400, maxMs: 1_000, random: () => 0 })).toBe(200);
  });

  it('caps the very first delay when the initial delay exceeds the cap', () => {
    expect(backoffDelay(1, { initialMs: 10_000, maxMs: 2_000, random: () => 0.999999 })).toBe(2000);
  });
});
