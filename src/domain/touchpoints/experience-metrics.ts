/**
 * Experience metrics computed from a projection of touchpoints (pure, no I/O): counts by
 * channel and period, sentiment and rating averages and trends, NPS, contact recency.
 */
import { RatingScale } from './touchpoint.model';

/** The size of the period buckets. Buckets are UTC: a WEEK starts on Monday. */
export enum MetricsPeriod {
  DAY = 'DAY',
  WEEK = 'WEEK',
  MONTH = 'MONTH',
}

/** The measurable fields of one touchpoint (cypher/touchpoint/metric-rows.cypher). */
export interface MetricRow extends Record<string, unknown> {
  id: string;
  channel: string;
  occurredAt: string;
  sentiment: number | null;
  rating: number | null;
  ratingScale: string | null;
}

export interface ChannelCount {
  channel: string;
  count: number;
}

export interface PeriodBucket {
  /** First day of the bucket, YYYY-MM-DD (UTC). */
  start: string;
  count: number;
  averageSentiment: number | null;
}

export interface RatingSummary {
  scale: RatingScale;
  count: number;
  average: number;
  /** Least-squares slope of the rating over time, in scale points per 30 days; null below two instants. */
  trend: number | null;
}

export interface NpsSummary {
  respondents: number;
  /** Ratings 9–10. */
  promoters: number;
  /** Ratings 7–8. */
  passives: number;
  /** Ratings 0–6. */
  detractors: number;
  /** % promoters − % detractors: −100 … 100. */
  score: number;
}

export interface ExperienceMetrics {
  touchpointCount: number;
  byChannel: ChannelCount[];
  period: MetricsPeriod;
  byPeriod: PeriodBucket[];
  averageSentiment: number | null;
  /** Least-squares slope of sentiment over time, per 30 days; positive is improving. */
  sentimentTrend: number | null;
  ratings: RatingSummary[];
  /** From NPS-scale ratings (0–10); null when there are none. */
  nps: NpsSummary | null;
  firstContactAt: string | null;
  lastContactAt: string | null;
  /** Whole days from the last contact to `now`; null without contacts. */
  daysSinceLastContact: number | null;
  /** Ties go to the alphabetically first channel. */
  mostUsedChannel: string | null;
}

const DAY_MS = 86_400_000;

/** Computes the metrics of the rows (any order) as seen at `now`. */
export function computeExperienceMetrics(rows: readonly MetricRow[], period: MetricsPeriod, now: Date): ExperienceMetrics {
  const sorted = [...rows].sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt) || (a.id < b.id ? -1 : 1));
  const channels = new Map<string, number>();
  const buckets = new Map<string, { count: number; sentiments: number[] }>();
  const sentiments: [number, number][] = [];
  const ratings = new Map<RatingScale, [number, number][]>();
  for (const row of sorted) {
    const at = Date.parse(row.occurredAt);
    channels.set(row.channel, (channels.get(row.channel) ?? 0) + 1);
    const key = bucketStart(new Date(at), period);
    const bucket = buckets.get(key) ?? { count: 0, sentiments: [] };
    bucket.count += 1;
    if (row.sentiment !== null) {
      bucket.sentiments.push(row.sentiment);
      sentiments.push([at, row.sentiment]);
    }
    buckets.set(key, bucket);
    if (row.rating !== null && row.ratingScale !== null && row.ratingScale in RatingScale) {
      const scale = row.ratingScale as RatingScale;
      ratings.set(scale, [...(ratings.get(scale) ?? []), [at, row.rating]]);
    }
  }
  const byChannel = [...channels.entries()]
    .map(([channel, count]) => ({ channel, count }))
    .sort((a, b) => b.count - a.count || (a.channel < b.channel ? -1 : 1));
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  const npsRatings = ratings.get(RatingScale.NPS);
  return {
    touchpointCount: sorted.length,
    byChannel,
    period,
    byPeriod: [...buckets.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([start, b]) => ({ start, count: b.count, averageSentiment: average(b.sentiments) })),
    averageSentiment: average(sentiments.map(([, v]) => v)),
    sentimentTrend: trendPer30Days(sentiments),
    ratings: [...ratings.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([scale, points]) => ({
        scale,
        count: points.length,
        average: average(points.map(([, v]) => v)) ?? 0,
        trend: trendPer30Days(points),
      })),
    nps: npsRatings ? nps(npsRatings.map(([, v]) => v)) : null,
    firstContactAt: first ? new Date(Date.parse(first.occurredAt)).toISOString() : null,
    lastContactAt: last ? new Date(Date.parse(last.occurredAt)).toISOString() : null,
    daysSinceLastContact: last ? Math.max(0, Math.floor((now.getTime() - Date.parse(last.occurredAt)) / DAY_MS)) : null,
    mostUsedChannel: byChannel[0]?.channel ?? null,
  };
}

/** The Net Promoter Score of 0–10 answers. */
export function nps(answers: readonly number[]): NpsSummary {
  const promoters = answers.filter((a) => a >= 9).length;
  const detractors = answers.filter((a) => a <= 6).length;
  const respondents = answers.length;
  return {
    respondents,
    promoters,
    passives: respondents - promoters - detractors,
    detractors,
    score: respondents === 0 ? 0 : round(((promoters - detractors) / respondents) * 100),
  };
}

/** The first day (YYYY-MM-DD, UTC) of the bucket holding `at`. */
export function bucketStart(at: Date, period: MetricsPeriod): string {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  switch (period) {
    case MetricsPeriod.DAY:
      break;
    case MetricsPeriod.WEEK:
      day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
      break;
    case MetricsPeriod.MONTH:
      day.setUTCDate(1);
      break;
    default: {
      const unknown: never = period;
      throw new Error(`Unknown period ${String(unknown)}`);
    }
  }
  return day.toISOString().slice(0, 10);
}

/** Least-squares slope of (time ms, value) points, per 30 days; null below two distinct instants. */
export function trendPer30Days(points: readonly [number, number][]): number | null {
  if (points.length < 2) return null;
  const xs = points.map(([t]) => t / (30 * DAY_MS));
  const ys = points.map(([, v]) => v);
  const mx = xs.reduce((s, x) => s + x, 0) / xs.length;
  const my = ys.reduce((s, y) => s + y, 0) / ys.length;
  let num = 0;
  let den = 0;
  xs.forEach((x, i) => {
    num += (x - mx) * ((ys[i] ?? 0) - my);
    den += (x - mx) ** 2;
  });
  return den === 0 ? null : round(num / den);
}

function average(values: readonly number[]): number | null {
  return values.length === 0 ? null : round(values.reduce((s, v) => s + v, 0) / values.length);
}

/** Four decimals: enough for averages, stable in tests. */
function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
