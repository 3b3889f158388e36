import type { App } from '../../../src/app';
import { CentralityDocument, CommunitiesDocument, ConnectedComponentsDocument, CreateEntityDocument, RelateDocument } from '../../generated/graphql';
import { KARATE_EDGES } from '../../fixtures/analytics/karate-club';
import { postGraphQL } from '../../support/graphql-client';
import { startTestServer, stopAllTestServers } from '../../support/test-server';

const run = `e2eana${Date.now().toString(36)}`;
let app: App;
/** Entity id of karate club member k (1…34). */
const members = new Map<number, string>();

beforeAll(async () => {
  // A server of its own: analytics on the whole graph see exactly this data.
  app = await startTestServer();
  for (let k = 1; k <= 34; k++) {
    const res = await postGraphQL(app.url, CreateEntityDocument, { input: { kind: 'Person', name: `${run} member ${k}` } });
    members.set(k, res.data!.createEntity.id);
  }
  for (const [x, y] of KARATE_EDGES) {
    const res = await postGraphQL(app.url, RelateDocument, { input: { type: 'KNOWS', fromId: members.get(x)!, toId: members.get(y)! } });
    expect(res.errors).toBeUndefined();
  }
  app.services.analytics.invalidate();
}, 60_000);
afterAll(stopAllTestServers);

describe('analytics over HTTP', () => {
  it('ranks by betweenness with the published top two and pages on with the cursor', async () => {
    const first = await postGraphQL(app.url, CentralityDocument, { metric: 'BETWEENNESS', first: 2 });
    expect(first.errors).toBeUndefined();
    const page = first.data!.centrality;
    expect(page).toMatchObject({ nodeCount: 34, edgeCount: 78, totalCount: 34, pageInfo: { hasNextPage: true } });
    expect(page.edges.map((e) => [e.node.entityId, e.node.rank])).toEqual([[members.get(1), 1], [members.get(34), 2]]);
    expect(page.edges[0]!.node.score).toBeCloseTo(0.4376, 3);
    expect(page.edges[0]!.node.entity).toEqual({ id: members.get(1), name: `${run} member 1` });

    const next = await postGraphQL(app.url, CentralityDocument, { metric: 'BETWEENNESS', first: 1, after: page.pageInfo.endCursor });
    expect(next.data!.centrality.edges[0]!.node).toMatchObject({ rank: 3, entityId: members.get(33) });
  });

  it('returns communities with modularity and one connected component', async () => {
    const communities = await postGraphQL(app.url, CommunitiesDocument, { first: 10 });
    expect(communities.errors).toBeUndefined();
    const c = communities.data!.communities;
    expect(c.modularity).toBeGreaterThan(0.38);
    expect(c.edges.reduce((n, e) => n + e.node.size, 0)).toBe(34);
    expect(c.edges[0]!.node.members.length).toBeLessThanOrEqual(3);

    const components = await postGraphQL(app.url, ConnectedComponentsDocument, {});
    expect(components.data!.connectedComponents).toMatchObject({ totalCount: 1, edges: [{ node: { size: 34 } }] });
  });

  it('scopes to a neighbourhood and refuses a bad scope with BAD_USER_INPUT', async () => {
    const around = await postGraphQL(app.url, CentralityDocument, { metric: 'DEGREE', scope: { aroundId: members.get(10), depth: 1 } });
    expect(around.data!.centrality.nodeCount).toBe(3);
    const bad = await postGraphQL(app.url, CentralityDocument, { metric: 'DEGREE', scope: { depth: 2 } });
    expect(bad.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'scope.depth' });
    const deep = await postGraphQL(app.url, CentralityDocument, { metric: 'DEGREE', scope: { aroundId: members.get(10), depth: 9 } });
    expect(deep.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'scope.depth', max: 3 });
    const past = await postGraphQL(app.url, CentralityDocument, { metric: 'DEGREE', scope: { activeAt: '2000-01-01T00:00:00Z' } });
    // Relationships made now were not valid in 2000? They have no validFrom, so they were: 78 edges.
    expect(past.data!.centrality.edgeCount).toBe(78);
  });
});
