import { pairScore } from '../../../src/domain/touchpoints/touchpoint-strength';

describe('the touchpoint term of relationship strength', () => {
  it('is 0 without shared touchpoints and stays within 0…1', () => {
    expect(pairScore(0, 0, 1)).toBe(0);
    expect(pairScore(1000, 0, 1)).toBeLessThanOrEqual(1);
    expect(pairScore(1000, 0, 1)).toBeGreaterThan(0.99);
  });

  it('grows with frequency, recency and a positive tone', () => {
    expect(pairScore(5, 10, 0)).toBeGreaterThan(pairScore(1, 10, 0));
    expect(pairScore(3, 1, 0)).toBeGreaterThan(pairScore(3, 365, 0));
    expect(pairScore(3, 10, 0.8)).toBeGreaterThan(pairScore(3, 10, -0.8));
    expect(pairScore(3, 10, null)).toBe(pairScore(3, 10, 0));
  });
});
