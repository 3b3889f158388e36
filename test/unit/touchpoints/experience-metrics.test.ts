import { bucketStart, computeExperienceMetrics, MetricsPeriod, nps, trendPer30Days, type MetricRow } from '../../../src/domain/touchpoints/experience-metrics';

const row = (id: string, occurredAt: string, extra: Partial<MetricRow> = {}): MetricRow => ({
  id,
  channel: 'EMAIL',
  occurredAt,
  sentiment: null,
  rating: null,
  ratingScale: null,
  ...extra,
});

describe('experience metrics', () => {
  it('computes NPS as % promoters minus % detractors', () => {
    expect(nps([10, 9, 8, 7, 6, 0])).toEqual({ respondents: 6, promoters: 2, passives: 2, detractors: 2, score: 0 });
    expect(nps([10, 10, 3])).toMatchObject({ score: 33.3333 });
    expect(nps([])).toMatchObject({ respondents: 0, score: 0 });
  });

  it('puts instants into UTC day, Monday-week and month buckets', () => {
    const sunday = new Date('2026-03-08T23:30:00Z');
    expect(bucketStart(sunday, MetricsPeriod.DAY)).toBe('2026-03-08');
    expect(bucketStart(sunday, MetricsPeriod.WEEK)).toBe('2026-03-02');
    expect(bucketStart(new Date('2026-03-09T00:00:00Z'), MetricsPeriod.WEEK)).toBe('2026-03-09');
    expect(bucketStart(sunday, MetricsPeriod.MONTH)).toBe('2026-03-01');
  });

  it('gives the trend as a least-squares slope per 30 days, null below two instants', () => {
    const day = 86_400_000;
    expect(trendPer30Days([[0, 0], [30 * day, 1]])).toBe(1);
    expect(trendPer30Days([[0, 1], [15 * day, 0.5], [30 * day, 0]])).toBe(-1);
    expect(trendPer30Days([[0, 1]])).toBeNull();
    expect(trendPer30Days([[5, 1], [5, 0]])).toBeNull();
  });

  it('summarises counts, channels, averages, ratings and recency', () => {
    const m = computeExperienceMetrics(
      [
        row('b', '2026-03-02T10:00:00Z', { channel: 'PHONE', sentiment: 0.5, rating: 4, ratingScale: 'FIVE_STAR' }),
        row('a', '2026-03-01T10:00:00Z', { sentiment: -0.5, rating: 9, ratingScale: 'NPS' }),
        row('c', '2026-04-01T10:00:00Z', { channel: 'PHONE', rating: 2, ratingScale: 'FIVE_STAR' }),
      ],
      MetricsPeriod.MONTH,
      new Date('2026-04-11T09:00:00Z'),
    );
    expect(m).toMatchObject({
      touchpointCount: 3,
      byChannel: [{ channel: 'PHONE', count: 2 }, { channel: 'EMAIL', count: 1 }],
      byPeriod: [{ start: '2026-03-01', count: 2, averageSentiment: 0 }, { start: '2026-04-01', count: 1, averageSentiment: null }],
      averageSentiment: 0,
      nps: { respondents: 1, promoters: 1, score: 100 },
      firstContactAt: '2026-03-01T10:00:00.000Z',
      lastContactAt: '2026-04-01T10:00:00.000Z',
      daysSinceLastContact: 9,
      mostUsedChannel: 'PHONE',
    });
    expect(m.ratings.map((r) => [r.scale, r.count, r.average])).toEqual([['FIVE_STAR', 2, 3], ['NPS', 1, 9]]);
    expect(m.sentimentTrend).toBeGreaterThan(0);
  });

  it('answers an empty set with zeros and nulls', () => {
    expect(computeExperienceMetrics([], MetricsPeriod.DAY, new Date())).toMatchObject({
      touchpointCount: 0,
      byChannel: [],
      byPeriod: [],
      averageSentiment: null,
      nps: null,
      lastContactAt: null,
      daysSinceLastContact: null,
      mostUsedChannel: null,
    });
  });
});
