import { runAlgorithm } from '../../../src/domain/analytics/algorithms';
import { AnalyticsAlgorithm, type AnalyticsOutcome, type NodeScore, type Projection } from '../../../src/domain/analytics/analytics.model';
import { KARATE_EDGES, MR_HI_FACTION, PUBLISHED } from '../../fixtures/analytics/karate-club';

const karate: Projection = {
  ids: Array.from({ length: 34 }, (_, i) => String(i + 1)),
  edges: KARATE_EDGES.flatMap(([a, b]) => [a - 1, b - 1]),
};

function scoresOf(outcome: AnalyticsOutcome): NodeScore[] {
  if (outcome.kind !== 'scores') throw new Error('expected scores');
  return outcome.scores;
}
const byId = (scores: NodeScore[]) => new Map(scores.map((s) => [Number(s.id), s.score]));

describe("centrality on Zachary's karate club, against published values", () => {
  it('has 34 members and 78 friendships in the fixture', () => {
    expect(karate.ids).toHaveLength(34);
    expect(karate.edges).toHaveLength(156);
  });

  it('ranks the officer (34) and the instructor (1) highest by degree, with the published degrees', () => {
    const scores = scoresOf(runAlgorithm(AnalyticsAlgorithm.DEGREE, karate));
    expect(scores.slice(0, 2).map((s) => s.id)).toEqual(['34', '1']);
    const got = byId(scores);
    for (const [node, degree] of Object.entries(PUBLISHED.degree)) expect(got.get(Number(node))).toBe(degree);
  });

  it('matches the published PageRank (damping 0.85) to three decimals, 34 then 1 on top', () => {
    const scores = scoresOf(runAlgorithm(AnalyticsAlgorithm.PAGERANK, karate));
    expect(scores.slice(0, 2).map((s) => s.id)).toEqual(['34', '1']);
    const got = byId(scores);
    for (const [node, value] of Object.entries(PUBLISHED.pagerank)) expect(got.get(Number(node))).toBeCloseTo(value, 3);
    expect(scores.reduce((sum, s) => sum + s.score, 0)).toBeCloseTo(1, 6);
  });

  it('matches the published normalised betweenness, member 1 at 0.4376', () => {
    const scores = scoresOf(runAlgorithm(AnalyticsAlgorithm.BETWEENNESS, karate));
    expect(scores.slice(0, 2).map((s) => s.id)).toEqual(['1', '34']);
    const got = byId(scores);
    for (const [node, value] of Object.entries(PUBLISHED.betweenness)) expect(got.get(Number(node))).toBeCloseTo(value, 3);
  });

  it('matches the published closeness, member 1 highest', () => {
    const scores = scoresOf(runAlgorithm(AnalyticsAlgorithm.CLOSENESS, karate));
    expect(scores[0]!.id).toBe('1');
    const got = byId(scores);
    for (const [node, value] of Object.entries(PUBLISHED.closeness)) expect(got.get(Number(node))).toBeCloseTo(value, 3);
  });
});

describe("communities on Zachary's karate club", () => {
  const outcome = runAlgorithm(AnalyticsAlgorithm.COMMUNITIES, karate);
  if (outcome.kind !== 'groups') throw new Error('expected groups');
  const communities = outcome.groups.map((g) => g.members.map(Number));

  it('reports the modularity of the partition it returns (checked by an independent computation) near the known optimum 0.42', () => {
    const m = KARATE_EDGES.length;
    const community = new Map<number, number>();
    communities.forEach((members, c) => members.forEach((n) => community.set(n, c)));
    const degree = new Map<number, number>();
    for (const [a, b] of KARATE_EDGES) {
      degree.set(a, (degree.get(a) ?? 0) + 1);
      degree.set(b, (degree.get(b) ?? 0) + 1);
    }
    let q = 0;
    communities.forEach((members) => {
      const inside = KARATE_EDGES.filter(([a, b]) => members.includes(a) && members.includes(b)).length;
      const total = members.reduce((sum, n) => sum + degree.get(n)!, 0);
      q += inside / m - (total / (2 * m)) ** 2;
    });
    expect(outcome.modularity).toBeCloseTo(q, 6);
    expect(q).toBeGreaterThan(0.38);
    expect(q).toBeLessThanOrEqual(0.4198 + 1e-4);
  });

  it('never puts the instructor and the officer together, and refines the published two-faction split', () => {
    expect(communities.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 34 }, (_, i) => i + 1));
    expect(communities.some((c) => c.includes(1) && c.includes(34))).toBe(false);
    // Each community sides with one faction; at most two members (the ambiguous 3 and 9 in the literature) disagree.
    let disagreeing = 0;
    for (const members of communities) {
      const hi = members.filter((n) => MR_HI_FACTION.has(n)).length;
      disagreeing += Math.min(hi, members.length - hi);
    }
    expect(disagreeing).toBeLessThanOrEqual(2);
  });

  it('gives the same communities every time (seeded)', () => {
    expect(runAlgorithm(AnalyticsAlgorithm.COMMUNITIES, karate)).toEqual(outcome);
  });
});

describe('connected components', () => {
  it('finds the components, largest first, isolated entities on their own', () => {
    const projection: Projection = { ids: ['a', 'b', 'c', 'd', 'e', 'f'], edges: [0, 1, 1, 2, 3, 4, 2, 0] };
    expect(runAlgorithm(AnalyticsAlgorithm.COMPONENTS, projection)).toEqual({
      kind: 'groups',
      modularity: null,
      groups: [
        { index: 0, members: ['a', 'b', 'c'] },
        { index: 1, members: ['d', 'e'] },
        { index: 2, members: ['f'] },
      ],
    });
  });

  it('finds one component in the karate club', () => {
    const outcome = runAlgorithm(AnalyticsAlgorithm.COMPONENTS, karate);
    expect(outcome.kind === 'groups' && outcome.groups.length).toBe(1);
  });
});
