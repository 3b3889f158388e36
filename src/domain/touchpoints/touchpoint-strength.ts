import type { GraphEngine } from '../../graph/graph-engine.port';
import type { CypherQuery, QueryCatalogue } from '../../graph/query-catalogue';
import { pairKey, type TouchpointStrengthSource } from '../network/relationship-strength';

const DAY_MS = 86_400_000;
/** Shared touchpoints at which the frequency term reaches 1 − 1/e (≈ 0.63). */
const FREQUENCY_SCALE = 5;
/** Days after which the recency term has decayed to 1/e. */
const RECENCY_DAYS = 90;

interface PairRow extends Record<string, unknown> {
  a: string;
  b: string;
  touchpoints: number;
  lastAt: string;
  averageSentiment: number | null;
}

/**
 * The touchpoint term of relationship strength for the network service: how often, how
 * recently and how positively two entities met, from 0 to 1 (see pairScore). One engine
 * call for any number of pairs.
 */
export class TouchpointStrength implements TouchpointStrengthSource {
  private readonly q: CypherQuery;

  constructor(
    private readonly engine: GraphEngine,
    catalogue: QueryCatalogue,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.q = catalogue.get('touchpoint/pair-stats');
  }

  async scores(pairs: readonly (readonly [string, string])[], at: string | null): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    if (pairs.length === 0) return out;
    const unique = new Map(pairs.map(([a, b]) => [pairKey(a, b), { a, b }]));
    const rows = await this.engine.read<PairRow>(this.q, { pairs: [...unique.values()], at });
    const reference = at === null ? this.now().getTime() : Date.parse(at);
    for (const row of rows) {
      const days = Math.max(0, (reference - Date.parse(String(row.lastAt))) / DAY_MS);
      out.set(pairKey(row.a, row.b), pairScore(Number(row.touchpoints), days, row.averageSentiment));
    }
    return out;
  }
}

/**
 * frequency × recency × tone, each in 0…1:
 * frequency = 1 − e^(−count/5); recency = 0.4 + 0.6·e^(−days/90) (an old contact still
 * counts for something); tone = 0.5 + 0.5·(sentiment + 1)/2, neutral (0.75) without sentiment.
 */
export function pairScore(count: number, daysSinceLast: number, averageSentiment: number | null): number {
  if (count <= 0) return 0;
  const frequency = 1 - Math.exp(-count / FREQUENCY_SCALE);
  const recency = 0.4 + 0.6 * Math.exp(-daysSinceLast / RECENCY_DAYS);
  const tone = 0.5 + 0.5 * ((averageSentiment ?? 0) + 1) / 2;
  return Math.round(frequency * recency * tone * 10_000) / 10_000;
}
