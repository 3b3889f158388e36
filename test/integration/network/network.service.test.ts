import { generateGraph } from '../../../bench/network/generate-graph';
import type { GraphPath } from '../../../src/domain/network/network.model';
import { PathEdgeDirection } from '../../../src/domain/network/network.model';
import { RelationshipDirection } from '../../../src/domain/relationships/relationship.model';
import { BadUserInputError, NotFoundError } from '../../../src/domain/errors';
import { edgeId, loadGraph, nodeId } from '../../support/network/load-graph';
import { openNetworkTestBed, type NetworkTestBed } from '../../support/network/network-services';
import { NetworkService } from '../../../src/domain/network/network.service';
import { CypherTraversal } from '../../../src/graph/cypher.traversal';
import { QueryCatalogue } from '../../../src/graph/query-catalogue';
import type { GraphTraversal } from '../../../src/graph/traversal.port';

const LIMITS = { maxTraversalDepth: 3, maxTraversalNodes: 10_000, maxPathDepth: 8 };
const WEIGHTS = { explicit: 1, touchpoints: 0, defaultStrength: 0.5 };

const run = `net${Date.now().toString(36)}`;
let bed: NetworkTestBed;

beforeAll(async () => {
  bed = await openNetworkTestBed();
});
afterAll(() => bed.close());

async function person(name: string) {
  return bed.services.entities.create({ kind: 'Person', name: `${run} ${name}` }, 'test');
}
async function org(name: string) {
  return bed.services.entities.create({ kind: 'Organization', name: `${run} ${name}` }, 'test');
}
async function knows(a: string, b: string, extra: { strength?: number; validFrom?: string; validTo?: string } = {}) {
  return bed.services.relationships.relate({ type: 'KNOWS', fromId: a, toId: b, ...extra }, 'test');
}

describe('neighbourhood', () => {
  it('returns each entity with its depth and the relationships among them, expanding level by level', async () => {
    const [a, b, c, d, e] = [await person('N-A'), await person('N-B'), await person('N-C'), await person('N-D'), await person('N-E')];
    const ab = await knows(a.id, b.id);
    const bc = await knows(b.id, c.id);
    const ac = await knows(a.id, c.id);
    await knows(c.id, d.id);
    await knows(d.id, e.id);

    const two = await bed.services.network.neighbourhood({ id: a.id, depth: 2 });
    const depths = Object.fromEntries(two.nodes.map((n) => [n.id, n.depth]));
    expect(depths).toEqual({ [a.id]: 0, [b.id]: 1, [c.id]: 1, [d.id]: 2 });
    expect(two.edges.map((r) => r.id).sort()).toEqual([ab.id, bc.id, ac.id, expect.any(String)].sort());
    expect(two.edges).toHaveLength(4);
    expect(two.truncated).toBe(false);
  });

  it('follows only outgoing relationships of directed types when asked, and filters by kind', async () => {
    const ann = await person('Dir-Ann');
    const acme = await org('Dir-Acme');
    const bob = await person('Dir-Bob');
    await bed.services.relationships.relate({ type: 'WORKS_AT', fromId: ann.id, toId: acme.id }, 'test');
    await bed.services.relationships.relate({ type: 'WORKS_AT', fromId: bob.id, toId: acme.id }, 'test');

    const out = await bed.services.network.neighbourhood({ id: acme.id, depth: 2, direction: RelationshipDirection.OUTGOING });
    expect(out.nodes.map((n) => n.id)).toEqual([acme.id]);
    const inc = await bed.services.network.neighbourhood({ id: acme.id, depth: 1, direction: RelationshipDirection.INCOMING });
    expect(inc.nodes.map((n) => n.id).sort()).toEqual([acme.id, ann.id, bob.id].sort());
    const orgsOnly = await bed.services.network.neighbourhood({ id: ann.id, depth: 2, kinds: ['Organization'] });
    expect(orgsOnly.nodes.map((n) => n.id)).toEqual([ann.id, acme.id]);
  });

  it('labels the nodes with kind, category and name when asked, and only then', async () => {
    const ann = await person('Lb-Ann');
    const acme = await org('Lb-Acme');
    await bed.services.relationships.relate({ type: 'WORKS_AT', fromId: ann.id, toId: acme.id }, 'test');
    const plain = await bed.services.network.neighbourhood({ id: ann.id, depth: 1 });
    expect(plain.nodes.map((n) => n.summary)).toEqual([null, null]);
    const labelled = await bed.services.network.neighbourhood({ id: ann.id, depth: 1, withSummaries: true });
    expect(labelled.nodes).toEqual([
      { id: ann.id, depth: 0, summary: { id: ann.id, kind: 'Person', category: 'STAKEHOLDER', name: ann.name } },
      { id: acme.id, depth: 1, summary: { id: acme.id, kind: 'Organization', category: 'STAKEHOLDER', name: acme.name } },
    ]);
  });

  it('leaves out a node whose entity is deleted between the levels and the labels, with its relationships', async () => {
    const ann = await person('Race-Ann');
    const bob = await person('Race-Bob');
    const cid = await person('Race-Cid');
    await knows(ann.id, bob.id);
    await knows(ann.id, cid.id);
    await knows(bob.id, cid.id);
    const catalogue = new QueryCatalogue();
    // Portable Cypher, one statement per call (as on Neo4j), with a real delete committed just before the labels are read.
    const cypher = new CypherTraversal(bed.engine, catalogue);
    const racing: GraphTraversal = Object.assign(Object.create(cypher) as CypherTraversal, {
      summaries: async (ids: readonly string[]) => {
        await bed.services.entities.delete(bob.id, { detach: true }, 'test');
        return cypher.summaries(ids);
      },
    });
    const { metamodel, entities } = bed.services;
    const service = new NetworkService(bed.engine, catalogue, metamodel, entities, LIMITS, WEIGHTS, racing);
    const n = await service.neighbourhood({ id: ann.id, depth: 1, withSummaries: true });
    expect(n.nodes.map((x) => x.summary?.name)).toEqual([ann.name, cid.name]);
    expect(n.edges.map((e) => [e.fromId, e.toId])).toEqual([[ann.id, cid.id]]);
  });

  it('stops at maxNodes and says the answer was truncated', async () => {
    const hub = await person('Hub');
    for (let i = 0; i < 6; i++) await knows(hub.id, (await person(`Spoke ${i}`)).id);
    const capped = await bed.services.network.neighbourhood({ id: hub.id, depth: 1, maxNodes: 4 });
    expect(capped.nodes).toHaveLength(4);
    expect(capped.truncated).toBe(true);
    for (const edge of capped.edges) {
      expect(capped.nodes.map((n) => n.id)).toEqual(expect.arrayContaining([edge.fromId, edge.toId]));
    }
  });

  it('ignores relationships not valid at activeAt', async () => {
    const a = await person('Time-A');
    const b = await person('Time-B');
    const c = await person('Time-C');
    await knows(a.id, b.id, { validFrom: '2020-01-01T00:00:00Z', validTo: '2021-01-01T00:00:00Z' });
    await knows(a.id, c.id, { validFrom: '2022-01-01T00:00:00Z' });
    const in2020 = await bed.services.network.neighbourhood({ id: a.id, depth: 1, activeAt: '2020-06-01T00:00:00Z' });
    expect(in2020.nodes.map((n) => n.id).sort()).toEqual([a.id, b.id].sort());
    const in2023 = await bed.services.network.neighbourhood({ id: a.id, depth: 1, activeAt: '2023-06-01T00:00:00Z' });
    expect(in2023.nodes.map((n) => n.id).sort()).toEqual([a.id, c.id].sort());
    expect(in2023.edges).toHaveLength(1);
  });

  it('refuses a depth above the configured maximum and an unknown entity with typed errors', async () => {
    const a = await person('Errors');
    await expect(bed.services.network.neighbourhood({ id: a.id, depth: 4 })).rejects.toThrow(BadUserInputError);
    await expect(bed.services.network.neighbourhood({ id: a.id, depth: 4 })).rejects.toMatchObject({ details: { field: 'depth' } });
    await expect(bed.services.network.neighbourhood({ id: `${run}-missing` })).rejects.toThrow(NotFoundError);
  });
});

/** Every shortest path by plain BFS in memory, as lists of relationship ids. */
function referenceShortestPaths(adj: Map<number, { other: number; edge: number }[]>, from: number, to: number, maxDepth: number): number[][] {
  const dist = new Map<number, number>([[from, 0]]);
  const parents = new Map<number, { via: number; edge: number }[]>();
  let frontier = [from];
  for (let d = 1; d <= maxDepth && frontier.length > 0 && !dist.has(to); d++) {
    const next: number[] = [];
    for (const v of frontier) {
      for (const { other, edge } of adj.get(v) ?? []) {
        if (dist.has(other) && dist.get(other)! < d) continue;
        if (!dist.has(other)) {
          dist.set(other, d);
          next.push(other);
        }
        parents.set(other, [...(parents.get(other) ?? []), { via: v, edge }]);
      }
    }
    frontier = next;
  }
  if (!dist.has(to)) return [];
  const paths = (v: number): number[][] => (v === from ? [[]] : (parents.get(v) ?? []).flatMap((p) => paths(p.via).map((x) => [...x, p.edge])));
  return paths(to);
}

describe('shortest paths on a generated graph', () => {
  const graph = generateGraph(400, 800, 42);
  const prefix = `${run}-gen`;
  const adj = new Map<number, { other: number; edge: number }[]>();
  graph.edges.forEach((e, i) => {
    adj.set(e.from, [...(adj.get(e.from) ?? []), { other: e.to, edge: i }]);
    adj.set(e.to, [...(adj.get(e.to) ?? []), { other: e.from, edge: i }]);
  });
  const edgeIndex = new Map(graph.edges.map((_, i) => [edgeId(prefix, graph, i), i]));

  beforeAll(async () => {
    await loadGraph(bed.engine, graph, prefix);
  });

  function checkWellFormed(path: GraphPath, from: string, to: string) {
    expect(path.nodeIds[0]).toBe(from);
    expect(path.nodeIds[path.nodeIds.length - 1]).toBe(to);
    expect(path.edges).toHaveLength(path.nodeIds.length - 1);
    path.edges.forEach((edge, i) => {
      const [x, y] = [path.nodeIds[i]!, path.nodeIds[i + 1]!];
      if (edge.direction === PathEdgeDirection.FORWARD) expect([edge.fromId, edge.toId]).toEqual([x, y]);
      else expect([edge.fromId, edge.toId]).toEqual([y, x]);
    });
  }

  it('finds exactly the shortest paths a plain BFS finds, for 25 seeded pairs', async () => {
    let checked = 0;
    for (let k = 0; k < 25; k++) {
      const from = (k * 97 + 13) % graph.nodeCount;
      const to = (k * 193 + 71) % graph.nodeCount;
      if (from === to) continue;
      const expected = referenceShortestPaths(adj, from, to, 6);
      const got = await bed.services.network.allShortestPaths({ from: nodeId(prefix, from), to: nodeId(prefix, to), maxDepth: 6, limit: 100 });
      for (const path of got) checkWellFormed(path, nodeId(prefix, from), nodeId(prefix, to));
      const asIndexes = got.map((p) => p.edges.map((e) => edgeIndex.get(e.relationshipId)!));
      if (expected.length <= 100) {
        expect(asIndexes.map((p) => p.join(',')).sort()).toEqual(expected.map((p) => p.join(',')).sort());
      } else {
        expect(got).toHaveLength(100);
        expect(new Set(got.map((p) => p.length))).toEqual(new Set([expected[0]!.length]));
      }
      const one = await bed.services.network.shortestPath({ from: nodeId(prefix, from), to: nodeId(prefix, to), maxDepth: 6 });
      expect(one?.length ?? null).toBe(expected[0]?.length ?? null);
      checked++;
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('returns the k shortest simple paths, shortest first, each simple and at most maxDepth long', async () => {
    const from = nodeId(prefix, 5);
    const to = nodeId(prefix, 17);
    const paths = await bed.services.network.connectionPaths({ from, to, maxDepth: 4, limit: 15 });
    expect(paths.length).toBeGreaterThan(1);
    const lengths = paths.map((p) => p.length);
    expect(lengths).toEqual([...lengths].sort((x, y) => x - y));
    const shortest = referenceShortestPaths(adj, 5, 17, 4);
    expect(lengths[0]).toBe(shortest[0]!.length);
    for (const p of paths) {
      checkWellFormed(p, from, to);
      expect(new Set(p.nodeIds).size).toBe(p.nodeIds.length);
      expect(p.length).toBeLessThanOrEqual(4);
    }
    expect(new Set(paths.map((p) => p.edges.map((e) => e.relationshipId).join(','))).size).toBe(paths.length);
  });

  it('bounds the search: maxDepth above the limit is BAD_USER_INPUT', async () => {
    await expect(
      bed.services.network.connectionPaths({ from: nodeId(prefix, 1), to: nodeId(prefix, 2), maxDepth: 5 }),
    ).rejects.toMatchObject({ details: { field: 'maxDepth' } });
  });
});

describe('common connections, introduction path and strength', () => {
  it('lists the entities related to both, with the relationships through which each is related', async () => {
    const a = await person('CC-A');
    const b = await person('CC-B');
    const x = await person('CC-X');
    const y = await person('CC-Y');
    const ax = await knows(a.id, x.id);
    const xb = await knows(x.id, b.id);
    await knows(a.id, y.id);
    const common = await bed.services.network.commonConnections({ a: a.id, b: b.id });
    expect(common.map((c) => ({ id: c.entity.id, viaA: c.viaA, viaB: c.viaB }))).toEqual([{ id: x.id, viaA: [ax.id], viaB: [xb.id] }]);
  });

  it('prefers a longer chain of strong relationships over a weak direct one, and shows each hop\'s strength', async () => {
    const me = await person('Intro-Me');
    const friend = await person('Intro-Friend');
    const target = await person('Intro-Target');
    await knows(me.id, target.id, { strength: 0.1 });
    await knows(me.id, friend.id, { strength: 0.9 });
    await knows(target.id, friend.id, { strength: 0.8 });
    const path = await bed.services.network.introductionPath({ from: me.id, to: target.id });
    expect(path?.nodeIds).toEqual([me.id, friend.id, target.id]);
    expect(path?.edges.map((e) => e.strength)).toEqual([0.9, 0.8]);
    expect(path?.edges.map((e) => e.direction)).toEqual([PathEdgeDirection.FORWARD, PathEdgeDirection.BACKWARD]);
    expect(path?.strength).toBeCloseTo(0.72, 10);

    expect(await bed.services.network.relationshipStrengths([[me.id, friend.id], [friend.id, me.id], [me.id, `${run}-nobody`]])).toEqual([0.9, 0.9, 0]);
    // Default weights: explicit strength only, whatever the touchpoints.
  });

  it('weighs the touchpoint term in once the touchpoint weight is above 0, and takes a plugged-in source', async () => {
    const weighted = await openNetworkTestBed({ STRENGTH_WEIGHT_EXPLICIT: '1', STRENGTH_WEIGHT_TOUCHPOINTS: '1' });
    try {
      const a = await weighted.services.entities.create({ kind: 'Person', name: `${run} TP-A` }, 'test');
      const b = await weighted.services.entities.create({ kind: 'Person', name: `${run} TP-B` }, 'test');
      await weighted.services.relationships.relate({ type: 'KNOWS', fromId: a.id, toId: b.id, strength: 0.2 }, 'test');
      // With STRENGTH_WEIGHT_TOUCHPOINTS > 0 the app plugs in the touchpoints module's source: no touchpoints → term 0.
      expect(await weighted.services.network.relationshipStrengths([[a.id, b.id]])).toEqual([0.1]);
      weighted.services.network.useTouchpointStrength({ scores: (pairs) => Promise.resolve(new Map(pairs.map(([x, y]) => [x < y ? `${x}|${y}` : `${y}|${x}`, 1]))) });
      const [s] = await weighted.services.network.relationshipStrengths([[a.id, b.id]]);
      expect(s).toBeCloseTo(0.6, 10);
    } finally {
      await weighted.close();
    }
  });
});
