import type { App } from '../../../src/app';
import {
  AllShortestPathsDocument,
  CommonConnectionsDocument,
  ConnectionPathsDocument,
  CreateEntityDocument,
  FilteredPathsDocument,
  IntroductionPathDocument,
  NeighbourhoodDocument,
  NeighbourhoodIdsDocument,
  NeighbourhoodLabelsDocument,
  RelateDocument,
  RelationshipStrengthDocument,
  ShortestPathDocument,
  UpdateEntityDocument,
} from '../../generated/graphql';
import { CountingEngine } from '../../support/counting-engine';
import { postGraphQL } from '../../support/graphql-client';
import { startTestServer, stopAllTestServers } from '../../support/test-server';

const run = `e2enet${Date.now().toString(36)}`;
let app: App;
let counter: CountingEngine;

beforeAll(async () => {
  app = await startTestServer({ wrapEngine: (engine) => (counter = new CountingEngine(engine)) });
});
afterAll(stopAllTestServers);

async function entity(name: string, kind = 'Person'): Promise<string> {
  const res = await postGraphQL(app.url, CreateEntityDocument, { input: { kind, name: `${run} ${name}` } });
  expect(res.errors).toBeUndefined();
  return res.data!.createEntity.id;
}
async function relate(type: string, fromId: string, toId: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await postGraphQL(app.url, RelateDocument, { input: { type, fromId, toId, ...extra } });
  expect(res.errors).toBeUndefined();
  return res.data!.relate.id;
}

describe('neighbourhood over HTTP', () => {
  it('returns the nodes with their depth and the edges among them', async () => {
    const ann = await entity('Nb Ann');
    const acme = await entity('Nb Acme', 'Organization');
    const bob = await entity('Nb Bob');
    const job = await relate('WORKS_AT', ann, acme);
    const job2 = await relate('WORKS_AT', bob, acme);
    const res = await postGraphQL(app.url, NeighbourhoodDocument, { id: ann, depth: 2 });
    expect(res.errors).toBeUndefined();
    const n = res.data!.neighbourhood;
    expect(n.truncated).toBe(false);
    expect(n.nodes.map((x) => [x.id, x.depth, x.entity?.id])).toEqual([[ann, 0, ann], [acme, 1, acme], [bob, 2, bob]]);
    expect(n.edges.find((x) => x.id === job)).toMatchObject({ type: 'WORKS_AT', fromId: ann, toId: acme, relationship: { id: job } });
    expect(n.edges.map((e) => e.id).sort()).toEqual([job, job2].sort());
  });

  it('labels nodes with kind, category and name without loading the entities, a rename seen at once', async () => {
    const ann = await entity('Lb Ann');
    const acme = await entity('Lb Acme', 'Organization');
    await relate('WORKS_AT', ann, acme);
    counter.reset();
    const res = await postGraphQL(app.url, NeighbourhoodLabelsDocument, { id: ann, depth: 1 });
    expect(res.errors).toBeUndefined();
    expect(res.data!.neighbourhood.nodes).toEqual([
      { id: ann, depth: 0, name: `${run} Lb Ann`, kind: 'Person', category: 'STAKEHOLDER' },
      { id: acme, depth: 1, name: `${run} Lb Acme`, kind: 'Organization', category: 'STAKEHOLDER' },
    ]);
    // The labels come from the topology index, or from one summary statement while it is not built: never from entity loads.
    expect(counter.calls.filter((c) => c === 'entity/get-by-ids')).toEqual([]);
    expect(counter.calls.filter((c) => c === 'network/entity-summaries').length).toBeLessThanOrEqual(1);

    const renamed = await postGraphQL(app.url, UpdateEntityDocument, { input: { id: acme, expectedVersion: 1, name: `${run} Lb Acme AG` } });
    expect(renamed.errors).toBeUndefined();
    const after = await postGraphQL(app.url, NeighbourhoodLabelsDocument, { id: ann, depth: 1 });
    expect(after.data!.neighbourhood.nodes[1]).toMatchObject({ id: acme, name: `${run} Lb Acme AG` });

    counter.reset();
    const ids = await postGraphQL(app.url, NeighbourhoodIdsDocument, { id: ann, depth: 1 });
    expect(ids.data!.neighbourhood.nodes.map((n) => n.id)).toEqual([ann, acme]);
    expect(counter.calls).not.toContain('network/entity-summaries');
  });

  it('answers a depth above MAX_TRAVERSAL_DEPTH with BAD_USER_INPUT naming the field, and an unknown id with NOT_FOUND', async () => {
    const a = await entity('Nb Deep');
    const deep = await postGraphQL(app.url, NeighbourhoodDocument, { id: a, depth: 9 });
    expect(deep.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'depth', max: 3 });
    const missing = await postGraphQL(app.url, NeighbourhoodDocument, { id: `${run}-nobody` });
    expect(missing.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND' });
    const badInstant = await postGraphQL(app.url, NeighbourhoodDocument, { id: a, activeAt: 'yesterday' });
    expect(badInstant.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'activeAt' });
  });

  it('costs at most depth + 3 engine round trips however many entities and relationships it returns', async () => {
    const hub = await entity('Nb Hub', 'Organization');
    for (let i = 0; i < 12; i++) {
      const p = await entity(`Nb Member ${i}`);
      await relate('WORKS_AT', p, hub);
      const friend = await entity(`Nb Friend ${i}`);
      await relate('KNOWS', p, friend);
    }
    for (const depth of [1, 2, 3]) {
      counter.reset();
      const res = await postGraphQL(app.url, NeighbourhoodDocument, { id: hub, depth });
      expect(res.errors).toBeUndefined();
      expect(res.data!.neighbourhood.nodes.length).toBe(depth === 1 ? 13 : 25);
      const calls = counter.calls.filter((name) => !name.startsWith('metamodel/'));
      // one query per level + the edges among the nodes + one batch of entities + one batch of full relationships
      expect(calls.length).toBeLessThanOrEqual(depth + 3);
      expect(calls.filter((c) => c === 'entity/get-by-ids')).toHaveLength(1);
      expect(calls.filter((c) => c === 'relationship/get-by-ids')).toHaveLength(1);
      expect(calls.filter((c) => c === 'network/neighbourhood-level').length).toBeLessThanOrEqual(depth);
    }
  });
});

describe('paths over HTTP', () => {
  let a: string, b: string, c: string, d: string, e: string;
  let ab: string, bd: string, ac: string, cd: string, de: string;
  beforeAll(async () => {
    // a—b—d—e and a—c—d: two shortest a→d paths; c—d only valid in 2024.
    [a, b, c, d, e] = [await entity('P-A'), await entity('P-B'), await entity('P-C'), await entity('P-D'), await entity('P-E')];
    ab = await relate('KNOWS', a, b, { strength: 0.9 });
    bd = await relate('KNOWS', d, b, { strength: 0.9, role: 'mentor' });
    ac = await relate('KNOWS', a, c, { strength: 0.3 });
    cd = await relate('KNOWS', c, d, { strength: 0.3, validFrom: '2024-01-01T00:00:00Z', validTo: '2025-01-01T00:00:00Z' });
    de = await relate('KNOWS', d, e, { strength: 0.5 });
  });

  it('finds a shortest path with its nodes in order and the direction of each edge', async () => {
    const res = await postGraphQL(app.url, ShortestPathDocument, { from: a, to: e });
    expect(res.errors).toBeUndefined();
    const path = res.data!.shortestPath!;
    expect(path.length).toBe(3);
    expect(path.nodes.map((n) => n.id)).toEqual([a, b, d, e]);
    expect(path.edges.map((x) => [x.relationshipId, x.direction])).toEqual([[ab, 'FORWARD'], [bd, 'BACKWARD'], [de, 'FORWARD']]);
    expect(path.edges[1]!.relationship).toEqual({ id: bd, role: 'mentor' });
  });

  it('finds every shortest path, and only those valid at activeAt', async () => {
    const all = await postGraphQL(app.url, AllShortestPathsDocument, { from: a, to: d, activeAt: '2024-06-01T00:00:00Z' });
    expect(all.data!.allShortestPaths.map((p) => p.edges.map((x) => x.relationshipId))).toEqual(
      expect.arrayContaining([[ab, bd], [ac, cd]]),
    );
    expect(all.data!.allShortestPaths).toHaveLength(2);
    const later = await postGraphQL(app.url, AllShortestPathsDocument, { from: a, to: d, activeAt: '2026-06-01T00:00:00Z' });
    expect(later.data!.allShortestPaths.map((p) => p.nodeIds)).toEqual([[a, b, d]]);
    const none = await postGraphQL(app.url, ShortestPathDocument, { from: a, to: e, maxDepth: 2 });
    expect(none.data!.shortestPath).toBeNull();
  });

  it('lists connection paths shortest first and refuses maxDepth above 4', async () => {
    const res = await postGraphQL(app.url, ConnectionPathsDocument, { from: a, to: e, maxDepth: 4, limit: 5 });
    expect(res.data!.connectionPaths.map((p) => p.nodeIds)).toEqual([
      [a, b, d, e],
      [a, c, d, e],
    ]);
    const tooDeep = await postGraphQL(app.url, ConnectionPathsDocument, { from: a, to: e, maxDepth: 5 });
    expect(tooDeep.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'maxDepth' });
  });

  it('chooses the strongest introduction route and shows each hop\'s strength', async () => {
    const res = await postGraphQL(app.url, IntroductionPathDocument, { from: a, to: e });
    const path = res.data!.introductionPath!;
    expect(path.nodeIds).toEqual([a, b, d, e]);
    expect(path.edges.map((x) => x.strength)).toEqual([0.9, 0.9, 0.5]);
    expect(path.strength).toBeCloseTo(0.405, 10);
  });

  it('lists common connections and gives the strength between two entities as a field', async () => {
    const common = await postGraphQL(app.url, CommonConnectionsDocument, { a: b, b: c });
    expect(common.data!.commonConnections.map((x) => x.entity.id).sort()).toEqual([a, d].sort());
    const strength = await postGraphQL(app.url, RelationshipStrengthDocument, { id: a, otherId: b });
    expect(strength.data!.entity!.relationshipStrength).toBe(0.9);
    const unrelated = await postGraphQL(app.url, RelationshipStrengthDocument, { id: a, otherId: e });
    expect(unrelated.data!.entity!.relationshipStrength).toBe(0);
    const missing = await postGraphQL(app.url, ShortestPathDocument, { from: a, to: `${run}-nobody` });
    expect(missing.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('path filters over HTTP', () => {
  it('shortestPath, allShortestPaths and connectionPaths honour direction and kinds, the ends exempt', async () => {
    const ann = await entity('Pf Ann');
    const bob = await entity('Pf Bob');
    const carl = await entity('Pf Carl');
    const acme = await entity('Pf Acme', 'Organization');
    await relate('WORKS_AT', ann, acme);
    await relate('WORKS_AT', bob, acme);
    await relate('REPORTS_TO', ann, carl);
    await relate('REPORTS_TO', carl, bob);

    const any = await postGraphQL(app.url, FilteredPathsDocument, { from: ann, to: bob });
    expect(any.errors).toBeUndefined();
    expect(any.data!.shortestPath!.nodeIds).toHaveLength(3);
    expect(any.data!.allShortestPaths.map((p) => p.nodeIds)).toHaveLength(2);

    const people = await postGraphQL(app.url, FilteredPathsDocument, { from: ann, to: bob, kinds: ['Person'] });
    expect(people.data!.shortestPath!.nodeIds).toEqual([ann, carl, bob]);
    expect(people.data!.allShortestPaths.map((p) => p.nodeIds)).toEqual([[ann, carl, bob]]);
    expect(people.data!.connectionPaths.map((p) => p.nodeIds)).toEqual([[ann, carl, bob]]);

    const outgoing = await postGraphQL(app.url, FilteredPathsDocument, { from: ann, to: bob, direction: 'OUTGOING' });
    expect(outgoing.data!.allShortestPaths.map((p) => p.nodeIds)).toEqual([[ann, carl, bob]]);
    const incoming = await postGraphQL(app.url, FilteredPathsDocument, { from: ann, to: bob, direction: 'INCOMING' });
    expect(incoming.data!.shortestPath).toBeNull();
    expect(incoming.data!.connectionPaths).toEqual([]);

    const objects = await postGraphQL(app.url, FilteredPathsDocument, { from: ann, to: bob, categories: ['OBJECT'] });
    expect(objects.data!.shortestPath).toBeNull();
  });
});
