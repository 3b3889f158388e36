import { generateGraph } from '../../../bench/network/generate-graph';
import { AnalyticsAlgorithm } from '../../../src/domain/analytics/analytics.model';
import { KARATE_EDGES } from '../../fixtures/analytics/karate-club';
import { loadGraph, nodeId } from '../../support/network/load-graph';
import { openNetworkTestBed, type NetworkTestBed } from '../../support/network/network-services';

const run = `ana${Date.now().toString(36)}`;
/** The karate club as a generated graph: member k is node k-1. */
const karate = { nodeCount: 34, edges: KARATE_EDGES.map(([a, b]) => ({ from: a - 1, to: b - 1, strength: 0.5 })) };
const member = (k: number) => nodeId(run, k - 1);

const beds: NetworkTestBed[] = [];
async function bedWith(env: Record<string, string> = {}): Promise<NetworkTestBed> {
  const bed = await openNetworkTestBed(env);
  beds.push(bed);
  return bed;
}
afterAll(() => Promise.all(beds.map((b) => b.close())));

describe('analytics on the stored graph, computed in a worker thread', () => {
  let bed: NetworkTestBed;
  beforeAll(async () => {
    bed = await bedWith();
    await loadGraph(bed.engine, karate, run);
  });

  it('ranks the whole graph by PageRank with the officer and the instructor on top, a page at a time', async () => {
    const first = await bed.services.analytics.centrality(AnalyticsAlgorithm.PAGERANK, null, { first: 2 });
    expect(first.result).toMatchObject({ nodeCount: 34, edgeCount: 78 });
    expect(first.page.items.map((s) => [s.id, s.rank])).toEqual([[member(34), 1], [member(1), 2]]);
    expect(first.page.items[0]!.score).toBeCloseTo(0.1009, 3);
    expect(first.page).toMatchObject({ totalCount: 34, hasNextPage: true });

    const second = await bed.services.analytics.centrality(AnalyticsAlgorithm.PAGERANK, null, { first: 2, after: Buffer.from('o:1').toString('base64url') });
    expect(second.page.items.map((s) => s.rank)).toEqual([3, 4]);
    expect(second.page.items[0]!.id).toBe(member(33));

    // Backward from the end: the lowest-ranked members, in rank order.
    const last = await bed.services.analytics.centrality(AnalyticsAlgorithm.PAGERANK, null, { last: 3 });
    expect(last.page.items.map((s) => s.rank)).toEqual([32, 33, 34]);
    expect(last.page).toMatchObject({ totalCount: 34, hasNextPage: false, hasPreviousPage: true, offset: 31 });
    const before = await bed.services.analytics.centrality(AnalyticsAlgorithm.PAGERANK, null, { last: 2, before: Buffer.from('o:2').toString('base64url') });
    expect(before.page.items.map((s) => s.rank)).toEqual([1, 2]);
    await expect(bed.services.analytics.centrality(AnalyticsAlgorithm.PAGERANK, null, { first: 1, last: 1 })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('serves a cached result until invalidate() is called, then computes again at a new graph version', async () => {
    const a = await bed.services.analytics.centrality(AnalyticsAlgorithm.DEGREE, null, { first: 1 });
    const b = await bed.services.analytics.centrality(AnalyticsAlgorithm.DEGREE, null, { first: 5 });
    expect(b.result).toBe(a.result);
    const version = bed.services.analytics.graphVersion;
    bed.services.analytics.invalidate();
    const c = await bed.services.analytics.centrality(AnalyticsAlgorithm.DEGREE, null, { first: 1 });
    expect(c.result).not.toBe(a.result);
    expect(c.result.graphVersion).toBe(version + 1);
  });

  it('computes on the neighbourhood of an entity when the scope names one', async () => {
    const around = await bed.services.analytics.components({ aroundId: member(10), depth: 1 }, {});
    // Member 10 is related to 3 and 34 only.
    expect(around.result.nodeCount).toBe(3);
    expect([...around.page.items[0]!.members].sort()).toEqual([member(10), member(3), member(34)].sort());
  });

  it('finds the communities of the club with their modularity', async () => {
    const communities = await bed.services.analytics.communities(null, { first: 10 });
    expect(communities.modularity).toBeGreaterThan(0.38);
    expect(communities.page.items.some((g) => g.members.includes(member(1)) && g.members.includes(member(34)))).toBe(false);
  });
});

describe('analytics limits', () => {
  it('refuses a projection above ANALYTICS_MAX_NODES with a clear BAD_USER_INPUT', async () => {
    const bed = await bedWith({ ANALYTICS_MAX_NODES: '20' });
    await loadGraph(bed.engine, karate, `${run}-big`);
    await expect(bed.services.analytics.centrality(AnalyticsAlgorithm.DEGREE, null, {})).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      details: { reason: 'PROJECTION_TOO_LARGE', maxNodes: 20 },
    });
    // A scope within the limit is fine.
    const scoped = await bed.services.analytics.centrality(AnalyticsAlgorithm.DEGREE, { aroundId: nodeId(`${run}-big`, 9), depth: 1 }, {});
    expect(scoped.result.nodeCount).toBe(3);
  });

  it('stops a computation past ANALYTICS_TIME_BUDGET_MS with a typed error instead of hanging, and the event loop keeps serving', async () => {
    const bed = await bedWith({ ANALYTICS_TIME_BUDGET_MS: '300' });
    await loadGraph(bed.engine, generateGraph(6000, 12000, 7), `${run}-slow`);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const started = Date.now();
    try {
      await expect(bed.services.analytics.centrality(AnalyticsAlgorithm.BETWEENNESS, null, {})).rejects.toMatchObject({
        code: 'BAD_USER_INPUT',
        details: { reason: 'TIME_BUDGET_EXCEEDED', budgetMs: 300 },
      });
    } finally {
      clearInterval(timer);
    }
    expect(Date.now() - started).toBeLessThan(5000);
    expect(ticks).toBeGreaterThan(5);
  });
});
