/**
 * TopologyIndex beyond what the traversal contract's small graph reaches: hubs (past the
 * degree where edgesAmong looks members up instead of scanning), changes to a hub after its
 * lookup exists, and replays of changes already applied.
 */
import { TopologyIndex, type RelationshipFacts } from '../../../src/domain/network/topology-index';

const rel = (id: string, fromId: string, toId: string, extra: Partial<RelationshipFacts> = {}): RelationshipFacts => ({
  id,
  type: 'KNOWS',
  fromId,
  toId,
  validFrom: null,
  validTo: null,
  strength: null,
  ...extra,
});

/** edgesAmong by brute force over what was put, for comparison. */
function expected(all: Map<string, RelationshipFacts>, ids: string[], types: string[] | null): string[] {
  const set = new Set(ids);
  return [...all.values()]
    .filter((r) => set.has(r.fromId) && set.has(r.toId) && (types === null || types.includes(r.type)))
    .map((r) => `${r.id}:${r.fromId}>${r.toId}`)
    .sort();
}

const got = (index: TopologyIndex, ids: string[], types: string[] | null = null) =>
  index
    .edgesAmong(ids, { types, activeAt: null })
    .map((e) => `${e.id}:${e.fromId}>${e.toId}`)
    .sort();

describe('TopologyIndex', () => {
  it('finds the edges among a set holding hubs, and keeps a hub lookup up to date', () => {
    const index = new TopologyIndex();
    const all = new Map<string, RelationshipFacts>();
    const put = (r: RelationshipFacts) => {
      expect(index.putRelationship(r)).toBe(true);
      all.set(r.id, r);
    };
    for (let i = 0; i < 1000; i++) index.putEntity({ id: `n${i}`, kind: 'Person', category: 'STAKEHOLDER', name: `N${i}` });
    // n0 and n1 are hubs: 600 and 400 outgoing relationships, some parallel, some typed WORKS_AT.
    for (let i = 0; i < 600; i++) put(rel(`h0-${i}`, 'n0', `n${(i % 500) + 2}`, i % 7 === 0 ? { type: 'WORKS_AT' } : {}));
    for (let i = 0; i < 400; i++) put(rel(`h1-${i}`, 'n1', `n${i + 100}`));
    for (let i = 2; i < 1000; i++) put(rel(`r${i}`, `n${i}`, `n${(i * 7) % 1000}`));
    const set = ['n0', 'n1', ...Array.from({ length: 60 }, (_, i) => `n${i * 13 + 5}`)];
    expect(got(index, set)).toEqual(expected(all, set, null));
    expect(got(index, set, ['WORKS_AT'])).toEqual(expected(all, set, ['WORKS_AT']));
    expect(got(index, set).length).toBeGreaterThan(60);

    // Changes after the hub lookups were built.
    index.deleteRelationship('h0-5');
    all.delete('h0-5');
    put(rel('h0-new', 'n0', 'n18'));
    put(rel('h1-3', 'n1', 'n5')); // same id, new target: moved
    index.deleteEntity('n44');
    for (const [id, r] of all) if (r.fromId === 'n44' || r.toId === 'n44') all.delete(id);
    const after = [...set.filter((id) => id !== 'n44'), 'n18'];
    expect(got(index, after)).toEqual(expected(all, after, null));
  });

  it('is unchanged by a replay of what it has applied, and refuses a relationship whose end it lacks', () => {
    const index = new TopologyIndex();
    index.putEntity({ id: 'a', kind: 'Person', category: 'STAKEHOLDER', name: 'A' });
    index.putEntity({ id: 'b', kind: 'Person', category: 'STAKEHOLDER', name: 'B' });
    const r = rel('r1', 'a', 'b', { validTo: '2025-01-01T00:00:00Z', strength: 0.4 });
    index.putRelationship(r);
    index.putRelationship(r);
    index.deleteEntity('zzz');
    index.deleteRelationship('nope');
    expect(index.relationshipCount).toBe(1);
    const any = { types: null, direction: 'BOTH', symmetricTypes: [], kinds: null, categories: null, ends: {} } as const;
    expect(index.step(['a'], {}, { ...any, activeAt: '2024-06-01T00:00:00Z' })).toHaveLength(1);
    expect(index.step(['a'], {}, { ...any, activeAt: '2025-01-01T00:00:00Z' })).toHaveLength(0); // validTo is exclusive
    expect(index.putRelationship(rel('r2', 'a', 'ghost'))).toBe(false);
    expect(index.relationshipCount).toBe(1);
  });

  it('labels entities with their latest name, kind and category, and forgets deleted ones', () => {
    const index = new TopologyIndex();
    index.putEntity({ id: 'a', kind: 'Person', category: 'STAKEHOLDER', name: 'Ada' });
    index.putEntity({ id: 'h', kind: 'Hall', category: 'LOCATION', name: 'Hall 1' });
    index.putEntity({ id: 'a', kind: 'Person', category: 'STAKEHOLDER', name: 'Ada Lovelace' });
    index.deleteEntity('h');
    expect(index.summaries(['a', 'h', 'nope'])).toEqual([{ id: 'a', kind: 'Person', category: 'STAKEHOLDER', name: 'Ada Lovelace' }]);
  });
});
