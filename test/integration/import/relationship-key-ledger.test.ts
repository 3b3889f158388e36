import { buildServices } from '../../../src/app';
import { loadConfig } from '../../../src/config/config';
import type { EntityImportRow, RelationshipImportRow } from '../../../src/domain/import/import.model';
import type { Services } from '../../../src/domain/services';
import type { GraphEngine } from '../../../src/graph/graph-engine.port';
import { openGraph } from '../../../src/graph/open-graph';
import { QueryCatalogue } from '../../../src/graph/query-catalogue';
import { CountingEngine } from '../../support/counting-engine';
import { mentorsType } from './mentors-type';

/**
 * The relationship key ledger of ImportService (src/domain/import/relationship-key-ledger.ts)
 * on a real in-memory Grafeo: which statements a relationship batch runs, and that skipping
 * lookups never creates a duplicate, whoever else writes.
 */

const actor = 'test:import';
const LOOKUP = 'import/relationships-by-keys';
const SCAN = 'import/source-has-relationships';
const fixtures = new QueryCatalogue(`${__dirname}/../../fixtures/cypher/import`);
const config = loadConfig({ NODE_ENV: 'test', GRAPH_URL: 'memory:' });

/** A CountingEngine that also forwards the real engine's write mark (CountingEngine does not). */
class MarkedCountingEngine extends CountingEngine {
  constructor(private readonly real: GraphEngine) {
    super(real);
  }

  writeMark(): string | undefined {
    return this.real.writeMark?.();
  }
}

// ---- rows ----

function person(externalId: string): EntityImportRow {
  return { ref: { file: 'people.csv', line: 1 }, key: { source: 'crm', externalId }, kind: 'Person', name: `Person ${externalId}`, properties: {} };
}
function people(...externalIds: string[]): EntityImportRow[] {
  return externalIds.map(person);
}
/** A KNOWS row between two people of source crm, keyed `from-to` in `source`. */
function knows(from: string, to: string, source = 'feed', extra: Partial<RelationshipImportRow> = {}): RelationshipImportRow {
  return {
    ref: { file: 'knows.csv', line: 1 },
    key: { source, externalId: `${from}-${to}` },
    type: 'KNOWS',
    from: { source: 'crm', externalId: from },
    to: { source: 'crm', externalId: to },
    properties: {},
    ...extra,
  };
}

const BATCH_1 = () => [knows('1', '2'), knows('1', '3'), knows('2', '3')];
const BATCH_2 = () => [knows('3', '4'), knows('4', '5')];

// ---- engines and services ----

const engines: GraphEngine[] = [];
const started: Services[] = [];

/** A fresh in-memory Grafeo with the schema applied. */
async function openGrafeo(): Promise<GraphEngine> {
  const grafeo = await openGraph(config.graph, new QueryCatalogue());
  engines.push(grafeo);
  return grafeo;
}

/** Services over `engine`, as the app builds them; `seed` the default metamodel (once per database). */
async function startServices(engine: GraphEngine, seed = true): Promise<Services> {
  const services = buildServices(engine, new QueryCatalogue(), config);
  started.push(services);
  await services.events.start();
  if (seed) await services.metamodel.seedDefaults('system');
  return services;
}

/** Services over a fresh Grafeo through a counting engine that has the write mark. */
async function openBed(): Promise<{ grafeo: GraphEngine; engine: MarkedCountingEngine; services: Services }> {
  const grafeo = await openGrafeo();
  const engine = new MarkedCountingEngine(grafeo);
  return { grafeo, engine, services: await startServices(engine) };
}

afterEach(async () => {
  for (const services of started.splice(0)) await services.events.close();
  for (const engine of engines.splice(0)) await engine.close();
});

// ---- reading ----

function countOf(calls: readonly string[], name: string): number {
  return calls.filter((call) => call === name).length;
}

/** What `work` returned, and the statements it sent through `engine`, by query name. */
async function withCalls<T>(engine: CountingEngine, work: () => Promise<T>): Promise<{ result: T; calls: string[] }> {
  const from = engine.calls.length;
  const result = await work();
  return { result, calls: engine.calls.slice(from) };
}

/** Relationships between entities by type, read on the unwrapped engine (counts no call). */
async function relationshipCounts(grafeo: GraphEngine): Promise<Record<string, number>> {
  const rows = await grafeo.read<{ type: string; count: number }>(fixtures.get('count-relationships-by-type'));
  return Object.fromEntries(rows.map((r) => [r.type, Number(r.count)]));
}

describe('ImportService relationship key ledger on Grafeo', () => {
  test('a fresh source is scanned once, and a second batch of new keys runs no lookup', async () => {
    const { engine, services } = await openBed();
    await services.imports.importEntities(people('1', '2', '3', '4', '5'), { actor });
    engine.reset();

    const first = await services.imports.importRelationships(BATCH_1(), { actor });
    const { result: second, calls: secondCalls } = await withCalls(engine, () => services.imports.importRelationships(BATCH_2(), { actor }));

    expect(first).toMatchObject({ created: 3, updated: 0, unchanged: 0, rejected: [] });
    expect(second).toMatchObject({ created: 2, updated: 0, unchanged: 0, rejected: [] });
    expect(secondCalls).toContain('import/create-relationships'); // the calls are counted
    expect(countOf(secondCalls, LOOKUP)).toBe(0);
    expect(countOf(engine.calls, SCAN)).toBe(1);
  });

  test('an entity import between relationship batches keeps the ledger: no new scan, no lookup', async () => {
    const { engine, services } = await openBed();
    await services.imports.importEntities(people('1', '2', '3'), { actor });
    engine.reset();
    await services.imports.importRelationships(BATCH_1(), { actor });

    const { calls } = await withCalls(engine, async () => {
      expect(await services.imports.importEntities(people('4', '5'), { actor })).toMatchObject({ created: 2 });
      expect(await services.imports.importRelationships(BATCH_2(), { actor })).toMatchObject({ created: 2, unchanged: 0 });
    });

    expect(countOf(calls, SCAN)).toBe(0);
    expect(countOf(calls, LOOKUP)).toBe(0);
  });

  test('re-importing keys it created looks them up and changes nothing', async () => {
    const { grafeo, engine, services } = await openBed();
    await services.imports.importEntities(people('1', '2', '3', '4', '5'), { actor });
    await services.imports.importRelationships(BATCH_1(), { actor });
    await services.imports.importRelationships(BATCH_2(), { actor });
    const before = await relationshipCounts(grafeo);

    const { result: again, calls } = await withCalls(engine, () => services.imports.importRelationships(BATCH_1(), { actor }));

    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3, rejected: [] });
    expect(countOf(calls, LOOKUP)).toBe(1);
    expect(before).toEqual({ KNOWS: 5 });
    expect(await relationshipCounts(grafeo)).toEqual(before);
  });

  test('a key another importer created meanwhile is found, not duplicated', async () => {
    const { grafeo, engine, services: a } = await openBed();
    const b = await startServices(engine, false); // a second ImportService over the same engine
    await a.imports.importEntities(people('1', '2', '3'), { actor });
    expect(await a.imports.importRelationships([knows('1', '2'), knows('1', '3')], { actor })).toMatchObject({ created: 2 });

    expect(await b.imports.importRelationships([knows('2', '3')], { actor })).toMatchObject({ created: 1, unchanged: 0 });
    const again = await a.imports.importRelationships([knows('2', '3')], { actor });

    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 1, rejected: [] });
    expect(await relationshipCounts(grafeo)).toEqual({ KNOWS: 3 });
  });

  test('a fresh process finds the source occupied and re-imports its rows as unchanged', async () => {
    const grafeo = await openGrafeo();
    const first = await startServices(new MarkedCountingEngine(grafeo));
    await first.imports.importEntities(people('1', '2', '3'), { actor });
    expect(await first.imports.importRelationships(BATCH_1(), { actor })).toMatchObject({ created: 3 });

    const engine = new MarkedCountingEngine(grafeo);
    const restarted = await startServices(engine, false);
    const { result, calls } = await withCalls(engine, () => restarted.imports.importRelationships(BATCH_1(), { actor }));

    expect(result).toMatchObject({ created: 0, updated: 0, unchanged: 3, rejected: [] });
    expect(countOf(calls, SCAN)).toBe(1);
    expect(countOf(calls, LOOKUP)).toBe(1);
    expect(await relationshipCounts(grafeo)).toEqual({ KNOWS: 3 });
  });

  test('an API delete between batches makes the next batch verify again and re-create the deleted one', async () => {
    const { grafeo, engine, services } = await openBed();
    await services.imports.importEntities(people('1', '2', '3'), { actor });
    const first = await services.imports.importRelationships(BATCH_1(), { actor });
    const [deleted] = first.changedIds;
    await services.relationships.delete(deleted ?? '', null, actor);
    expect(await relationshipCounts(grafeo)).toEqual({ KNOWS: 2 });

    const { result: again, calls } = await withCalls(engine, () => services.imports.importRelationships(BATCH_1(), { actor }));

    expect(countOf(calls, SCAN)).toBe(1);
    expect(countOf(calls, LOOKUP)).toBe(1);
    expect(again).toMatchObject({ created: 1, updated: 0, unchanged: 2, rejected: [] });
    expect(await relationshipCounts(grafeo)).toEqual({ KNOWS: 3 });
  });

  test('after an API entity write, new keys of the source are looked up (the source is now occupied)', async () => {
    const { engine, services } = await openBed();
    await services.imports.importEntities(people('1', '2', '3', '4', '5'), { actor });
    await services.imports.importRelationships(BATCH_1(), { actor });
    await services.entities.create({ kind: 'Person', name: 'Made through the API' }, actor);

    const { result, calls } = await withCalls(engine, () => services.imports.importRelationships(BATCH_2(), { actor }));

    expect(countOf(calls, SCAN)).toBe(1);
    expect(countOf(calls, LOOKUP)).toBe(1);
    expect(result).toMatchObject({ created: 2, unchanged: 0 });
  });

  test('custom relationship properties are stored for the rows that carry them and only those', async () => {
    const { grafeo, engine, services } = await openBed();
    await services.imports.ensureMetamodel(
      { relationshipTypes: [mentorsType()] },
      actor,
    );
    await services.imports.importEntities(people('1', '2', '3', '4'), { actor });
    const mentors = (to: string, properties: Record<string, unknown>) => knows('1', to, 'feed', { type: 'MENTORS', properties });
    const rows = [mentors('2', { topic: 'maths', sessions: 3 }), mentors('3', {}), mentors('4', { topic: null, sessions: 1 })];

    const { result: first, calls } = await withCalls(engine, () => services.imports.importRelationships(rows, { actor }));
    expect(first).toMatchObject({ created: 3, rejected: [] });
    expect(calls).toEqual(expect.arrayContaining(['import/create-relationships', 'import/create-relationships-with-properties']));

    const exported = new Map<string, Record<string, unknown>>();
    for await (const batch of services.exports.records()) {
      if ('relationships' in batch) for (const r of batch.relationships) exported.set(String(r.externalId), r.properties);
    }
    expect(Object.fromEntries(exported)).toEqual({
      '1-2': { topic: 'maths', sessions: 3 },
      '1-3': {},
      '1-4': { sessions: 1 },
    });

    const again = await services.imports.importRelationships(rows, { actor });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3, rejected: [] });
    expect(await relationshipCounts(grafeo)).toEqual({ MENTORS: 3 });
  });

  test('an engine without a write mark looks up every batch and never scans', async () => {
    const grafeo = await openGrafeo();
    const engine = new CountingEngine(grafeo);
    expect('writeMark' in engine).toBe(false);
    const services = await startServices(engine);
    await services.imports.importEntities(people('1', '2', '3', '4', '5'), { actor });

    const batches = [BATCH_1(), BATCH_2(), BATCH_1()];
    const runs = [];
    for (const batch of batches) runs.push(await withCalls(engine, () => services.imports.importRelationships(batch, { actor })));

    expect(runs.map(({ calls }) => [countOf(calls, LOOKUP), countOf(calls, SCAN)])).toEqual([[1, 0], [1, 0], [1, 0]]);
    expect(runs.map(({ result }) => [result.created, result.unchanged])).toEqual([[3, 0], [2, 0], [0, 3]]);
    expect(await relationshipCounts(grafeo)).toEqual({ KNOWS: 5 });
  });
});
