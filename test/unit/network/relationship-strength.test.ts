import { combineStrength, pairKey } from '../../../src/domain/network/relationship-strength';

const weights = { explicit: 1, touchpoints: 3, defaultStrength: 0.5 };

describe('relationship strength', () => {
  it('is the explicit strength alone when no touchpoint term is plugged in', () => {
    expect(combineStrength(0.8, undefined, weights)).toBe(0.8);
  });

  it('falls back to the configured default when a relationship has no explicit strength', () => {
    expect(combineStrength(null, undefined, weights)).toBe(0.5);
  });

  it('weighs explicit and touchpoint terms by the configured weights', () => {
    expect(combineStrength(0.2, 1, weights)).toBeCloseTo((0.2 + 3) / 4, 12);
    expect(combineStrength(0.2, 1, { ...weights, touchpoints: 0 })).toBe(0.2);
  });

  it('keeps the result within 0 and 1', () => {
    expect(combineStrength(7, 9, weights)).toBe(1);
    expect(combineStrength(-1, undefined, weights)).toBe(0);
  });

  it('keys a pair the same way in both orders', () => {
    expect(pairKey('b', 'a')).toBe(pairKey('a', 'b'));
  });
});
