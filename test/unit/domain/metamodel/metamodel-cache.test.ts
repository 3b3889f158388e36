import { MetamodelCache } from '../../../../src/domain/metamodel/metamodel-cache';
import { Category, type EntityKind } from '../../../../src/domain/metamodel/metamodel.types';

function kind(name: string): EntityKind {
  return {
    name,
    category: Category.OBJECT,
    description: null,
    properties: [],
    deprecated: false,
    version: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}

function setup(ttlMs = 5000) {
  let clock = 0;
  let loads = 0;
  let names = ['B', 'A'];
  const cache = new MetamodelCache(
    () => {
      loads += 1;
      return Promise.resolve({ kinds: names.map(kind), relationshipTypes: [] });
    },
    ttlMs,
    () => clock,
  );
  return {
    cache,
    loads: () => loads,
    advance: (ms: number) => (clock += ms),
    setNames: (n: string[]) => (names = n),
  };
}

describe('MetamodelCache', () => {
  it('loads once and serves the snapshot, sorted by name, until the time-to-live has passed', async () => {
    const t = setup(5000);
    expect((await t.cache.get()).kinds.map((k) => k.name)).toEqual(['A', 'B']);
    t.advance(4999);
    await t.cache.get();
    expect(t.loads()).toBe(1);
    t.setNames(['C']);
    t.advance(1);
    expect((await t.cache.get()).kinds.map((k) => k.name)).toEqual(['C']);
    expect(t.loads()).toBe(2);
  });

  it('shares one load between concurrent callers', async () => {
    const t = setup();
    const [a, b] = await Promise.all([t.cache.get(), t.cache.get()]);
    expect(a).toBe(b);
    expect(t.loads()).toBe(1);
  });

  it('reloads after invalidate', async () => {
    const t = setup();
    await t.cache.get();
    t.setNames(['Z']);
    t.cache.invalidate();
    expect((await t.cache.get()).kindsByName.has('Z')).toBe(true);
    expect(t.loads()).toBe(2);
  });

  it('does not keep a load that was under way when it was invalidated', async () => {
    const t = setup();
    const inFlight = t.cache.get();
    t.cache.invalidate();
    await inFlight;
    await t.cache.get();
    expect(t.loads()).toBe(2);
  });

  it('reloads every time with a time-to-live of 0', async () => {
    const t = setup(0);
    await t.cache.get();
    await t.cache.get();
    expect(t.loads()).toBe(2);
  });

  it('freezes what it serves, so a caller cannot change the shared metamodel by accident', async () => {
    const t = setup();
    const snapshot = await t.cache.get();
    const first = snapshot.kinds[0];
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first?.properties)).toBe(true);
  });

  it('rejects when the load fails and tries again on the next call', async () => {
    let fail = true;
    const cache = new MetamodelCache(
      () => (fail ? Promise.reject(new Error('engine down')) : Promise.resolve({ kinds: [], relationshipTypes: [] })),
      5000,
    );
    await expect(cache.get()).rejects.toThrow('engine down');
    fail = false;
    await expect(cache.get()).resolves.toMatchObject({ kinds: [] });
  });
});
