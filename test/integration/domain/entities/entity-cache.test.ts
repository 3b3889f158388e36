import { buildServices } from '../../../../src/app';
import { loadConfig } from '../../../../src/config/config';
import type { EntityImportRow } from '../../../../src/domain/import/import.model';
import type { Services } from '../../../../src/domain/services';
import { GrafeoEngine } from '../../../../src/graph/grafeo/grafeo.engine';
import type { GraphEngine } from '../../../../src/graph/graph-engine.port';
import { QueryCatalogue } from '../../../../src/graph/query-catalogue';
import { CountingEngine } from '../../../support/counting-engine';
import { MarkedEngine } from '../../../support/marked-engine';

const GET = 'entity/get-by-ids';
const actor = 'test:entity-cache';

interface Bed {
  engine: CountingEngine;
  services: Services;
  /** How many times entities were read by id from the engine since the last call. */
  reads(): number;
}

const opened: GraphEngine[] = [];
afterAll(async () => {
  await Promise.all(opened.map((e) => e.close()));
});

/** The real services on a fresh in-memory Grafeo, wrapped as `wrap` says, the default metamodel seeded. */
async function openBed(wrap: (grafeo: GrafeoEngine) => CountingEngine, env: Record<string, string> = {}): Promise<Bed> {
  const catalogue = new QueryCatalogue();
  const grafeo = new GrafeoEngine(null);
  await grafeo.applySchema(catalogue.statements('schema/grafeo'));
  const engine = wrap(grafeo);
  opened.push(engine);
  const services = buildServices(engine, catalogue, loadConfig({ NODE_ENV: 'test', GRAPH_URL: 'memory:', ...env }));
  await services.metamodel.seedDefaults('system');
  let seen = 0;
  return {
    engine,
    services,
    reads: () => {
      const all = engine.calls.filter((name) => name === GET).length;
      const since = all - seen;
      seen = all;
      return since;
    },
  };
}

/** An engine whose write mark keeps the port's promise (committed writes move it, reads do not). */
const marked = (grafeo: GrafeoEngine) => new MarkedEngine(grafeo, 'on-writes');

function person(externalId: string, name: string): EntityImportRow {
  return { ref: { file: 'people.csv', line: 1 }, key: { source: 'cache-test', externalId }, kind: 'Person', name, properties: {} };
}

describe('entity cache (EntityService.getMany on the embedded engine)', () => {
  let bed: Bed;
  beforeAll(async () => {
    bed = await openBed(marked);
  });

  it('answers a repeated lookup from memory with the same data', async () => {
    const created = await bed.services.entities.create({ kind: 'Person', name: 'Ada', properties: { email: 'ada@example.com' } }, actor);
    bed.reads();
    const [first] = await bed.services.entities.getMany([created.id]);
    const [second] = await bed.services.entities.getMany([created.id, created.id]);
    expect(first).toEqual(created);
    expect(second).toEqual(created);
    expect(bed.reads()).toBe(1);
  });

  it('hands out frozen entities, so a caller cannot change what the next caller reads', async () => {
    const created = await bed.services.entities.create({ kind: 'Person', name: 'Frozen', properties: { email: 'f@example.com' } }, actor);
    await bed.services.entities.getMany([created.id]);
    const [cached] = await bed.services.entities.getMany([created.id]);
    expect(Object.isFrozen(cached)).toBe(true);
    expect(Object.isFrozen(cached!.properties)).toBe(true);
    expect(() => {
      (cached as { name: string }).name = 'changed';
    }).toThrow(TypeError);
    const [again] = await bed.services.entities.getMany([created.id]);
    expect(again!.name).toBe('Frozen');
  });

  it('serves the state after updateEntity, not the one it held', async () => {
    const created = await bed.services.entities.create({ kind: 'Person', name: 'Before' }, actor);
    await bed.services.entities.getMany([created.id]);
    const updated = await bed.services.entities.update({ id: created.id, expectedVersion: 1, name: 'After' }, actor);
    const [entity] = await bed.services.entities.getMany([created.id]);
    expect(entity).toEqual(updated);
    expect(entity!.version).toBe(2);
  });

  it('answers null after deleteEntity', async () => {
    const created = await bed.services.entities.create({ kind: 'Person', name: 'Gone soon' }, actor);
    await bed.services.entities.getMany([created.id]);
    await bed.services.entities.delete(created.id, { detach: false }, actor);
    expect(await bed.services.entities.getMany([created.id])).toEqual([null]);
  });

  it('remembers a missing id, and forgets it when an entity with that id is imported', async () => {
    const id = '01JCACHETESTMISSING0000000';
    bed.reads();
    expect(await bed.services.entities.getMany([id])).toEqual([null]);
    expect(await bed.services.entities.getMany([id])).toEqual([null]);
    expect(bed.reads()).toBe(1);
    await bed.services.imports.importEntities([{ ...person(id, 'Arrived'), id }], { actor, keyMode: 'id' });
    const [entity] = await bed.services.entities.getMany([id]);
    expect(entity?.name).toBe('Arrived');
  });

  it('serves the state after an import batch that updates entities it held', async () => {
    await bed.services.imports.importEntities([person('imp-1', 'Imported')], { actor });
    const [id] = [...(await bed.services.imports.idsByKeys([{ source: 'cache-test', externalId: 'imp-1' }])).values()];
    await bed.services.entities.getMany([id!]);
    await bed.services.imports.importEntities([person('imp-1', 'Imported again')], { actor });
    const [entity] = await bed.services.entities.getMany([id!]);
    expect(entity?.name).toBe('Imported again');
    expect(entity?.version).toBe(2);
  });

  it('forgets everything after an import batch too large for its event to name every id', async () => {
    await bed.services.imports.importEntities([person('big-last', 'Held')], { actor });
    const [id] = [...(await bed.services.imports.idsByKeys([{ source: 'cache-test', externalId: 'big-last' }])).values()];
    await bed.services.entities.getMany([id!]);
    // 1,000 new entities first, so the held one is past the ids the event names.
    const rows = Array.from({ length: 1_000 }, (_, i) => person(`big-${i}`, `Filler ${i}`));
    const result = await bed.services.imports.importEntities([...rows, person('big-last', 'Changed past the named ids')], { actor });
    expect(result.changedIds.indexOf(id!)).toBeGreaterThanOrEqual(1_000);
    const [entity] = await bed.services.entities.getMany([id!]);
    expect(entity?.name).toBe('Changed past the named ids');
  });

  it('reads both ends again after a relationship write names them, and agrees with the engine', async () => {
    const a = await bed.services.entities.create({ kind: 'Person', name: 'End A' }, actor);
    const b = await bed.services.entities.create({ kind: 'Person', name: 'End B' }, actor);
    await bed.services.entities.getMany([a.id, b.id]);
    await bed.services.relationships.relate({ type: 'KNOWS', fromId: a.id, toId: b.id }, actor);
    bed.reads();
    const after = await bed.services.entities.getMany([a.id, b.id]);
    expect(bed.reads()).toBe(1);
    expect(after).toEqual([a, b]);
  });

  it('does not keep what a lookup read before an update that was applied while the lookup ran', async () => {
    const created = await bed.services.entities.create({ kind: 'Person', name: 'Old' }, actor);
    const engine = bed.engine as MarkedEngine;
    // 1. A lookup reads the old state and is held before it can fill the cache.
    const held = engine.holdNext(GET);
    const racing = bed.services.entities.getMany([created.id]);
    await held.fetched;
    // 2. The update commits, and another lookup applies its event (the cache drops the id).
    await bed.services.entities.update({ id: created.id, expectedVersion: 1, name: 'New' }, actor);
    const [meanwhile] = await bed.services.entities.getMany([created.id]);
    expect(meanwhile?.name).toBe('New');
    // 3. The held lookup finishes with what it read: its caller gets it, the cache must not.
    held.release();
    expect((await racing)[0]?.name).toBe('Old');
    const [after] = await bed.services.entities.getMany([created.id]);
    expect(after?.name).toBe('New');
  });

  it('lets the least recently used id go first when full', async () => {
    const small = await openBed(marked, { ENTITY_CACHE_SIZE: '2' });
    const [a, b, c] = await Promise.all(['A', 'B', 'C'].map((name) => small.services.entities.create({ kind: 'Person', name }, actor)));
    await small.services.entities.getMany([a!.id]);
    await small.services.entities.getMany([b!.id]);
    await small.services.entities.getMany([a!.id]); // a is now the most recently used
    await small.services.entities.getMany([c!.id]); // b leaves
    small.reads();
    await small.services.entities.getMany([a!.id]);
    expect(small.reads()).toBe(0);
    await small.services.entities.getMany([b!.id]);
    expect(small.reads()).toBe(1);
  });
});

describe('entity cache bypassed', () => {
  it('reads the engine for every lookup on an engine without a write mark', async () => {
    const bed = await openBed((grafeo) => new CountingEngine(grafeo));
    const created = await bed.services.entities.create({ kind: 'Person', name: 'Unmarked' }, actor);
    bed.reads();
    await bed.services.entities.getMany([created.id]);
    const [entity] = await bed.services.entities.getMany([created.id]);
    expect(entity).toEqual(created);
    expect(bed.reads()).toBe(2);
  });

  it('reads the engine for every lookup with ENTITY_CACHE_SIZE=0', async () => {
    const bed = await openBed(marked, { ENTITY_CACHE_SIZE: '0' });
    const created = await bed.services.entities.create({ kind: 'Person', name: 'Uncached' }, actor);
    bed.reads();
    await bed.services.entities.getMany([created.id]);
    await bed.services.entities.getMany([created.id]);
    expect(bed.reads()).toBe(2);
    expect(bed.services.entities.cacheStats()).toMatchObject({ hits: 0, size: 0 });
  });

  it('stays off, rather than never settling, when reads move the write mark too', async () => {
    const bed = await openBed((grafeo) => new MarkedEngine(grafeo, 'on-every-transaction'));
    const created = await bed.services.entities.create({ kind: 'Person', name: 'Restless' }, actor);
    bed.reads();
    await bed.services.entities.getMany([created.id]);
    const [entity] = await bed.services.entities.getMany([created.id]);
    expect(entity).toEqual(created);
    expect(bed.reads()).toBe(2);
    expect(bed.services.entities.cacheStats()).toMatchObject({ hits: 0, bypassed: 2 });
  });
});

describe('entity cache on the bare embedded engine', () => {
  // GrafeoEngine's own write mark: if reads moved it (as Grafeo's commit epoch does), the cache would stay off.
  it('serves repeated lookups from memory, and the next lookup after an update reads the new state', async () => {
    const catalogue = new QueryCatalogue();
    const grafeo = new GrafeoEngine(null);
    opened.push(grafeo);
    await grafeo.applySchema(catalogue.statements('schema/grafeo'));
    const services = buildServices(grafeo, catalogue, loadConfig({ NODE_ENV: 'test', GRAPH_URL: 'memory:' }));
    await services.metamodel.seedDefaults('system');
    const created = await services.entities.create({ kind: 'Person', name: 'Bare' }, actor);
    await services.entities.getMany([created.id]);
    await services.entities.getMany([created.id]);
    expect(services.entities.cacheStats()).toMatchObject({ hits: 1, misses: 1, bypassed: 0 });
    await services.entities.update({ id: created.id, expectedVersion: 1, name: 'Bare, changed' }, actor);
    const [entity] = await services.entities.getMany([created.id]);
    expect(entity?.name).toBe('Bare, changed');
  });
});
