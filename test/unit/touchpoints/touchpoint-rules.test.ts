import { BadUserInputError } from '../../../src/domain/errors';
import { checkInstant, checkRating, checkSentiment, checkStage } from '../../../src/domain/touchpoints/touchpoint-rules';
import { RatingScale } from '../../../src/domain/touchpoints/touchpoint.model';

function fieldOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    if (error instanceof BadUserInputError) return error.details.field;
    throw error;
  }
  return undefined;
}

describe('touchpoint rules', () => {
  it.each([
    [RatingScale.FIVE_STAR, 1, true], [RatingScale.FIVE_STAR, 4.5, true], [RatingScale.FIVE_STAR, 0, false], [RatingScale.FIVE_STAR, 5.5, false],
    [RatingScale.NPS, 0, true], [RatingScale.NPS, 10, true], [RatingScale.NPS, 7.5, false], [RatingScale.NPS, 11, false],
    [RatingScale.TEN_POINT, 0, false], [RatingScale.PERCENT, 100, true], [RatingScale.BINARY, 2, false],
  ])('rates %s %d as %s', (scale, rating, ok) => {
    expect(fieldOf(() => checkRating(rating, scale))).toBe(ok ? undefined : 'rating');
  });

  it('needs a scale with a rating, but not a rating with a scale', () => {
    expect(fieldOf(() => checkRating(3, null))).toBe('ratingScale');
    expect(checkRating(null, RatingScale.NPS)).toEqual({ rating: null, ratingScale: RatingScale.NPS });
  });

  it('keeps sentiment within -1 and 1', () => {
    expect(checkSentiment(-1)).toBe(-1);
    expect(fieldOf(() => checkSentiment(1.01))).toBe('sentiment');
    expect(fieldOf(() => checkSentiment(Number.NaN))).toBe('sentiment');
  });

  it('accepts only real instants with a zone, normalised to UTC', () => {
    expect(checkInstant('2026-03-01T10:00:00+01:00', 'occurredAt')).toBe('2026-03-01T09:00:00.000Z');
    expect(fieldOf(() => checkInstant('2026-02-29T10:00:00Z', 'occurredAt'))).toBe('occurredAt');
    expect(fieldOf(() => checkInstant('2026-03-01 10:00', 'occurredAt'))).toBe('occurredAt');
  });

  it('takes standard and custom UPPER_SNAKE stages', () => {
    expect(checkStage('ADVOCACY')).toBe('ADVOCACY');
    expect(checkStage('TRIAL_PERIOD')).toBe('TRIAL_PERIOD');
    expect(fieldOf(() => checkStage('Loyalty'))).toBe('stage');
  });
});
