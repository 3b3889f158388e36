/**
 * The traversal contract (src/graph/traversal.port.ts): every implementation an engine offers
 * gives the answers an in-memory reference computes from the same data — steps, levels, edges
 * among a set and the analytics adjacency — under every filter (types, direction with
 * symmetric types, kinds/categories with exempt ends, activeAt).
 */
import { join } from 'node:path';
import { generateGraph } from '../../../bench/network/generate-graph';
import { benchQueries, edgeId, loadGraph, nodeId } from '../../../bench/network/load-graph';
import { DomainEventType, type DomainEventDraft } from '../../../src/events/domain-event';
import type { GraphEngine, Params } from '../../../src/graph/graph-engine.port';
import { QueryCatalogue, type CypherQuery } from '../../../src/graph/query-catalogue';
import type { GraphTraversal, TraversalFilter } from '../../../src/graph/traversal.port';

export const fixtures = new QueryCatalogue(join(__dirname, '..', '..', 'fixtures', 'cypher', 'network'));

interface RefEdge {
  id: string;
  type: string;
  from: string;
  to: string;
  validFrom: string | null;
  validTo: string | null;
}

/** The data: a generated KNOWS graph (symmetric), WORKS_AT edges on top, some entities made Organizations, some edges time-bounded. */
export async function loadContractGraph(engine: GraphEngine, prefix: string) {
  const graph = generateGraph(300, 600, 11);
  await loadGraph(engine, graph, prefix, 'KNOWS');
  const edges: RefEdge[] = graph.edges.map((e, i) => ({ id: edgeId(prefix, graph, i), type: 'KNOWS', from: nodeId(prefix, e.from), to: nodeId(prefix, e.to), validFrom: null, validTo: null }));
  const works: RefEdge[] = [];
  for (let i = 0; i < 150; i++) {
    const from = nodeId(prefix, (i * 7 + 3) % 300);
    const to = nodeId(prefix, (i * 13 + 5) % 300);
    if (from !== to) works.push({ id: `${prefix}-w${i}`, type: 'WORKS_AT', from, to, validFrom: null, validTo: null });
  }
  await engine.write(benchQueries.render('create-relationships', { TYPE: 'WORKS_AT' }), {
    rows: works.map((w) => ({ id: w.id, fromId: w.from, toId: w.to, strength: 0.5 })),
    now: '2026-01-01T00:00:00Z',
  });
  edges.push(...works);
  for (let i = 0; i < edges.length; i += 5) {
    const edge = edges[i]!;
    edge.validFrom = i % 10 === 0 ? '2024-01-01T00:00:00Z' : null;
    edge.validTo = i % 10 === 0 ? null : '2023-01-01T00:00:00Z';
    await engine.write(fixtures.get('set-validity'), { fromId: edge.from, id: edge.id, validFrom: edge.validFrom, validTo: edge.validTo });
  }
  const kinds = new Map<string, { kind: string; category: string }>();
  for (let i = 0; i < 300; i++) kinds.set(nodeId(prefix, i), { kind: 'Person', category: 'STAKEHOLDER' });
  for (let i = 0; i < 300; i += 4) {
    kinds.set(nodeId(prefix, i), { kind: 'Organization', category: 'STAKEHOLDER' });
    await engine.write(fixtures.get('set-kind'), { id: nodeId(prefix, i), kind: 'Organization', category: 'STAKEHOLDER' });
  }
  return { ids: [...kinds.keys()], edges, kinds };
}

type Data = Awaited<ReturnType<typeof loadContractGraph>>;

const valid = (e: RefEdge, at: string | null) =>
  at === null || ((e.validFrom === null || Date.parse(e.validFrom) <= Date.parse(at)) && (e.validTo === null || Date.parse(e.validTo) > Date.parse(at)));

/** The reference step: what network/frontier-step.cypher specifies, computed in memory. */
function referenceStep(data: Data, frontier: readonly string[], visited: Record<string, true>, f: TraversalFilter) {
  const rows: string[] = [];
  for (const n of frontier) {
    for (const e of data.edges) {
      if (e.from !== n && e.to !== n) continue;
      const sides = e.from === n && e.to === n ? [true] : [e.from === n];
      for (const outgoing of sides) {
        const m = outgoing ? e.to : e.from;
        if (visited[m]) continue;
        if (f.types && !f.types.includes(e.type)) continue;
        if (f.direction !== 'BOTH' && !f.symmetricTypes.includes(e.type) && outgoing !== (f.direction === 'OUTGOING')) continue;
        const k = data.kinds.get(m)!;
        if (!f.ends[m] && ((f.kinds && !f.kinds.includes(k.kind)) || (f.categories && !f.categories.includes(k.category)))) continue;
        if (!valid(e, f.activeAt)) continue;
        rows.push(`${n}>${m}:${e.id}:${e.type}:${outgoing}`);
      }
    }
  }
  return rows.sort();
}

const filters = (prefix: string): [string, TraversalFilter][] => {
  const base: TraversalFilter = { types: null, activeAt: null, direction: 'BOTH', symmetricTypes: [], kinds: null, categories: null, ends: {} };
  return [
    ['no filter', base],
    ['types', { ...base, types: ['WORKS_AT'] }],
    ['OUTGOING with KNOWS symmetric', { ...base, direction: 'OUTGOING', symmetricTypes: ['KNOWS'] }],
    ['INCOMING of WORKS_AT', { ...base, direction: 'INCOMING', types: ['WORKS_AT'], symmetricTypes: ['KNOWS'] }],
    ['kinds with an exempt end', { ...base, kinds: ['Person'], ends: { [nodeId(prefix, 0)]: true, [nodeId(prefix, 8)]: true } }],
    ['categories', { ...base, categories: ['OBJECT'] }],
    ['activeAt 2022', { ...base, activeAt: '2022-06-01T00:00:00Z' }],
    ['activeAt 2025 and OUTGOING', { ...base, activeAt: '2025-06-01T00:00:00Z', direction: 'OUTGOING' }],
  ];
};

/** What a contract run needs: the engine, the traversals under test, and how to write a change with its event. */
export interface ContractSubject {
  engine: GraphEngine;
  traversals: GraphTraversal[];
  close(): Promise<void>;
  /** Writes one change logging `event`, as the services do (default: the statement alone, for traversals that read the engine). */
  commit?: (query: CypherQuery, params: Params, event: DomainEventDraft) => Promise<void>;
  /** Called once the data is loaded (an index builds here). */
  loaded?: () => Promise<void>;
}

export function describeTraversalContract(label: string, open: () => Promise<ContractSubject>): void {
  describe(`traversal contract on ${label}`, () => {
    const prefix = `tc${Date.now().toString(36)}`;
    let engine: GraphEngine;
    let traversals: GraphTraversal[];
    let close: () => Promise<void>;
    let commit: NonNullable<ContractSubject['commit']>;
    let data: Data;

    beforeAll(async () => {
      const subject = await open();
      ({ engine, traversals, close } = subject);
      commit = subject.commit ?? (async (query, params) => void (await engine.write(query, params)));
      data = await loadContractGraph(engine, prefix);
      await subject.loaded?.();
    }, 120_000);
    afterAll(() => close());

    const frontiers = (): string[][] => [[nodeId(prefix, 0)], [nodeId(prefix, 1), nodeId(prefix, 2), nodeId(prefix, 8)], data.ids.slice(40, 70)];

    it.each(filters('tc'))('step and level match the reference: %s', async (_name, raw) => {
      const filter: TraversalFilter = { ...raw, ends: Object.fromEntries(Object.keys(raw.ends).map((k) => [k.replace(/^tc/, prefix), true])) };
      for (const traversal of traversals) {
        for (const frontier of frontiers()) {
          for (const visited of [{}, Object.fromEntries(data.ids.slice(0, 150).map((id) => [id, true] as const))]) {
            const expected = referenceStep(data, frontier, visited, filter);
            const got = (await traversal.step(frontier, visited, filter)).map((r) => `${r.nodeId}>${r.otherId}:${r.relationshipId}:${r.type}:${r.outgoing}`).sort();
            expect({ mode: traversal.mode, rows: got }).toEqual({ mode: traversal.mode, rows: expected });
            const ids = [...new Set(expected.map((r) => r.slice(r.indexOf('>') + 1, r.indexOf(':'))))].sort();
            for (const limit of [1000, 5]) {
              // The level excludes the frontier only through `visited`, as the Cypher does.
              expect({ mode: traversal.mode, ids: await traversal.level(frontier, visited, filter, limit) }).toEqual({ mode: traversal.mode, ids: ids.slice(0, limit) });
            }
          }
        }
      }
    });

    it('edgesAmong and the adjacency match the reference', async () => {
      const set = data.ids.slice(0, 120);
      for (const traversal of traversals) {
        for (const [types, at] of [[null, null], [['KNOWS'], null], [null, '2022-06-01T00:00:00Z']] as const) {
          const expected = data.edges
            .filter((e) => set.includes(e.from) && set.includes(e.to) && (!types || (types as readonly string[]).includes(e.type)) && valid(e, at))
            .map((e) => `${e.id}:${e.type}:${e.from}>${e.to}`)
            .sort();
          const got = (await traversal.edgesAmong(set, { types, activeAt: at })).map((e) => `${e.id}:${e.type}:${e.fromId}>${e.toId}`).sort();
          expect({ mode: traversal.mode, got }).toEqual({ mode: traversal.mode, got: expected });

          const inSet = new Set(set);
          const adjacency = await traversal.adjacencyOf(set, { types, activeAt: at });
          const outOf = (rows: { id: string; out: string[] }[]) =>
            rows.map((r) => `${r.id}:${r.out.filter((o) => inSet.has(o)).sort().join(',')}`).sort();
          const expectedAdjacency = set
            .map((id) => `${id}:${data.edges.filter((e) => e.from === id && inSet.has(e.to) && (!types || (types as readonly string[]).includes(e.type)) && valid(e, at)).map((e) => e.to).sort().join(',')}`)
            .sort();
          expect({ mode: traversal.mode, adjacency: outOf(adjacency) }).toEqual({ mode: traversal.mode, adjacency: expectedAdjacency });
          for (const row of adjacency) {
            // Row indexes, where given, name the same neighbours as the ids.
            if (row.outRows) expect(row.outRows.map((i) => adjacency[i]?.id)).toEqual(row.out);
          }
        }
        const whole = await traversal.adjacency({ kinds: ['Organization'], categories: null, types: null, activeAt: null }, 100_000);
        const orgs = data.ids.filter((id) => data.kinds.get(id)?.kind === 'Organization');
        expect(whole.map((r) => r.id).filter((id) => id.startsWith(`${prefix}-`)).sort()).toEqual([...orgs].sort());
      }
    });

    it('labels entities by id, kind, category and name, unknown ids left out, a rename seen at once', async () => {
      const set = [...data.ids.slice(0, 40), `${prefix}-nobody`];
      const expected = data.ids.slice(0, 40).map((id, i) => ({ id, ...data.kinds.get(id), name: `${prefix} person ${i}` }));
      const byId = (rows: { id: string }[]) => [...rows].sort((x, y) => (x.id < y.id ? -1 : 1));
      expect(expected[0]?.name).toBe(`${prefix} person 0`); // the loader's naming, so the reference is right
      for (const traversal of traversals) expect({ mode: traversal.mode, rows: byId(await traversal.summaries(set)) }).toEqual({ mode: traversal.mode, rows: byId(expected) });

      const renamed = nodeId(prefix, 7);
      const entity = { id: renamed, name: 'Renamed Seven', ...data.kinds.get(renamed) };
      await commit(fixtures.get('rename'), { id: renamed, name: entity.name }, { type: DomainEventType.ENTITY_UPDATED, subjectIds: [renamed], payload: { entity } });
      for (const traversal of traversals) expect({ mode: traversal.mode, rows: await traversal.summaries([renamed]) }).toEqual({ mode: traversal.mode, rows: [entity] });
    });

    it('sees a committed write at once, and an entity deleted and created again under the same id', async () => {
      const a = nodeId(prefix, 3);
      const b = nodeId(prefix, 4);
      const base: TraversalFilter = { types: null, activeAt: null, direction: 'BOTH', symmetricTypes: [], kinds: null, categories: null, ends: {} };
      const modes = traversals.map((t) => t.mode);
      const relate = (id: string, fromId: string, toId: string) =>
        commit(fixtures.get('relate'), { id, fromId, toId }, {
          type: DomainEventType.RELATIONSHIP_CREATED,
          subjectIds: [id, fromId, toId],
          payload: { relationship: { id, type: 'KNOWS', fromId, toId, validFrom: null, validTo: null, strength: null } },
        });
      for (const traversal of traversals) {
        await traversal.step([a], {}, base); // fills whatever an implementation caches
        const rid = `${prefix}-late-${traversal.mode}`;
        await relate(rid, a, b);
        expect((await traversal.step([a], {}, base)).map((r) => r.relationshipId)).toContain(rid);
        expect(await traversal.level([a], { [a]: true }, base, 1000)).toContain(b);
      }
      const ghost = `${prefix}-ghost`;
      const entity = { id: ghost, kind: 'Person', category: 'STAKEHOLDER' };
      const create = () =>
        commit(benchQueries.get('create-people'), { rows: [{ id: ghost, name: ghost }], now: '2026-01-01T00:00:00Z' }, {
          type: DomainEventType.ENTITY_CREATED,
          subjectIds: [ghost],
          payload: { entity },
        });
      await create();
      await relate(`${ghost}-1`, ghost, a);
      for (const traversal of traversals) expect((await traversal.step([ghost], {}, base)).map((r) => r.otherId)).toEqual([a]);
      await commit(fixtures.get('delete-entity'), { id: ghost }, { type: DomainEventType.ENTITY_DELETED, subjectIds: [ghost], payload: { entity } });
      for (const traversal of traversals) {
        expect(await traversal.step([ghost], {}, base)).toEqual([]);
        expect(await traversal.level([a], { [a]: true }, base, 1000)).not.toContain(ghost);
      }
      await create();
      await relate(`${ghost}-2`, ghost, b);
      for (const traversal of traversals) expect((await traversal.step([ghost], {}, base)).map((r) => r.relationshipId)).toEqual([`${ghost}-2`]);
      // Every traversal answered the way it did at the start (an index kept up, not rebuilt or bypassed).
      expect(traversals.map((t) => t.mode)).toEqual(modes);
    });
  });
}
