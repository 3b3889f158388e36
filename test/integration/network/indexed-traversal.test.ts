/**
 * The topology index behind IndexedTraversal, on a real embedded engine: it builds while
 * writes go on and still ends exact, it steps aside (answering from the engine) after a bulk
 * import until it has rebuilt, on an engine without a write mark, past its size limit and
 * when switched off. Every answer is compared with the portable Cypher traversal.
 */
import { generateGraph } from '../../../bench/network/generate-graph';
import { benchQueries, loadGraph, nodeId } from '../../../bench/network/load-graph';
import { IndexedTraversal, type IndexedTraversalOptions } from '../../../src/domain/network/indexed-traversal';
import { DomainEventType, type DomainEventDraft } from '../../../src/events/domain-event';
import { EventLog } from '../../../src/events/event-log';
import { RecordedWrites } from '../../../src/events/recorded-writes';
import { CypherTraversal } from '../../../src/graph/cypher.traversal';
import { GrafeoEngine } from '../../../src/graph/grafeo/grafeo.engine';
import type { GraphEngine, Params, Row } from '../../../src/graph/graph-engine.port';
import type { CypherQuery } from '../../../src/graph/query-catalogue';
import { QueryCatalogue } from '../../../src/graph/query-catalogue';
import type { GraphTraversal, TraversalFilter } from '../../../src/graph/traversal.port';
import { fixtures } from './traversal.contract';

const catalogue = new QueryCatalogue();
const ANY: TraversalFilter = { types: null, activeAt: null, direction: 'BOTH', symmetricTypes: [], kinds: null, categories: null, ends: {} };
const OPTIONS: IndexedTraversalOptions = { enabled: true, maxRelationships: 1_000_000, rebuildIntervalMs: 0, chunkSize: 25 };

/** The real engine, with a gate that can hold the topology build's relationship reads. */
class GatedEngine implements GraphEngine {
  readonly kind = 'grafeo' as const;
  private gate: Promise<void> | null = null;
  private opened: (() => void) | null = null;
  reached: Promise<void> = Promise.resolve();
  /** While true, reads of the event log fail (an outage of the log alone). */
  failLogReads = false;
  private signal: (() => void) | null = null;

  constructor(readonly inner: GrafeoEngine) {}

  private skip = 0;

  /** Holds a later read of `network/index-relationships`, letting `skip` pass first; `reached` resolves when one waits. */
  hold(skip = 0): void {
    this.skip = skip;
    this.gate = new Promise((resolve) => (this.opened = resolve));
    this.reached = new Promise((resolve) => (this.signal = resolve));
  }

  release(): void {
    this.opened?.();
    this.gate = null;
  }

  async read<R extends Row = Row>(query: CypherQuery, params?: Params): Promise<R[]> {
    if (this.failLogReads && query.name.startsWith('event/')) throw new Error('the event log is unreachable');
    if (query.name === 'network/index-relationships' && this.gate) {
      if (this.skip > 0) this.skip -= 1;
      else {
        this.signal?.();
        await this.gate;
      }
    }
    return this.inner.read<R>(query, params);
  }

  write<R extends Row = Row>(query: CypherQuery, params?: Params): Promise<R[]> {
    return this.inner.write<R>(query, params);
  }

  transaction: GraphEngine['transaction'] = (mode, operation, work) => this.inner.transaction(mode, operation, work);
  applySchema = (statements: readonly CypherQuery[]) => this.inner.applySchema(statements);
  writeMark = () => this.inner.writeMark();
  ping = () => this.inner.ping();
  close = () => this.inner.close();
}

describe('IndexedTraversal on the embedded engine', () => {
  const prefix = 'ix';
  const graph = generateGraph(200, 400, 5);
  let grafeo: GrafeoEngine;
  let engine: GatedEngine;
  let log: EventLog;
  let writes: RecordedWrites;
  let reference: CypherTraversal;
  const ids = () => Array.from({ length: graph.nodeCount }, (_, i) => nodeId(prefix, i));

  beforeAll(async () => {
    grafeo = new GrafeoEngine(null);
    await grafeo.applySchema(catalogue.statements('schema/grafeo'));
    engine = new GatedEngine(grafeo);
    log = new EventLog(grafeo, catalogue);
    writes = new RecordedWrites(grafeo, catalogue, { publish: () => undefined });
    reference = new CypherTraversal(grafeo, catalogue);
    await loadGraph(grafeo, graph, prefix);
  });
  afterAll(() => grafeo.close());

  const commit = (query: CypherQuery, params: Params, event: DomainEventDraft) =>
    writes.run('test', 'test', async (tx, emit) => {
      await tx.run(query, params);
      emit(event);
    });
  const relate = (id: string, fromId: string, toId: string) =>
    commit(fixtures.get('relate'), { id, fromId, toId }, {
      type: DomainEventType.RELATIONSHIP_CREATED,
      subjectIds: [id, fromId, toId],
      payload: { relationship: { id, type: 'KNOWS', fromId, toId, validFrom: null, validTo: null, strength: null } },
    });
  const deleteEntity = (id: string) =>
    commit(fixtures.get('delete-entity'), { id }, { type: DomainEventType.ENTITY_DELETED, subjectIds: [id], payload: { entity: { id } } });
  const createEntity = (id: string) =>
    commit(benchQueries.get('create-people'), { rows: [{ id, name: id }], now: '2026-01-01T00:00:00Z' }, {
      type: DomainEventType.ENTITY_CREATED,
      subjectIds: [id],
      payload: { entity: { id, kind: 'Person', category: 'STAKEHOLDER' } },
    });

  /** Every entity's relationships, as `traversal` sees them (sorted, comparable). */
  async function everything(traversal: GraphTraversal, among = ids()): Promise<string[]> {
    const rows = await traversal.step(among, {}, ANY);
    return rows.map((r) => `${r.nodeId}>${r.otherId}:${r.relationshipId}:${r.outgoing}`).sort();
  }

  it('ends exact after a build that read the graph while writes went on', async () => {
    const indexed = new IndexedTraversal(reference, engine, log, catalogue, OPTIONS);
    engine.hold(1);
    const warming = indexed.warm();
    await engine.reached; // the entities and the first chunk's relationships are read; the second chunk waits
    // Writes during the build: from entities of the chunk read already and of a later one, a deletion, a new entity.
    await relate('ix-late-1', nodeId(prefix, 190), nodeId(prefix, 3));
    await relate('ix-late-2', nodeId(prefix, 1), nodeId(prefix, 2));
    await deleteEntity(nodeId(prefix, 7));
    await createEntity('ix-new');
    await relate('ix-late-3', 'ix-new', nodeId(prefix, 0));
    // A traversal meanwhile is answered by the engine, and hands the index the events it read.
    expect(await everything(indexed)).toEqual(await everything(reference));
    expect(indexed.mode).toBe('cypher');
    engine.release();
    await warming;
    expect(indexed.mode).toBe('indexed');
    const all = [...ids(), 'ix-new'];
    const got = await everything(indexed, all);
    expect(got).toEqual(await everything(reference, all));
    for (const late of ['ix-late-1', 'ix-late-2', 'ix-late-3']) expect(got.some((r) => r.includes(`:${late}:`))).toBe(true);
    const gone = nodeId(prefix, 7);
    expect(got.some((r) => r.startsWith(`${gone}>`) || r.includes(`>${gone}:`))).toBe(false);
    expect(indexed.mode).toBe('indexed');
  });

  it('steps aside after a bulk import batch and answers from the index again once rebuilt', async () => {
    const indexed = new IndexedTraversal(reference, engine, log, catalogue, OPTIONS);
    await indexed.warm();
    expect(indexed.mode).toBe('indexed');
    const more = generateGraph(20, 30, 9);
    await loadGraph(grafeo, more, 'ix2'); // logs IMPORT_BATCH_COMMITTED events
    engine.hold(); // the rebuild this call starts waits at its first relationship read
    const during = await everything(indexed, [...ids(), nodeId('ix2', 0)]);
    expect(indexed.mode).toBe('cypher'); // answered by the engine meanwhile
    expect(during).toEqual(await everything(reference, [...ids(), nodeId('ix2', 0)]));
    expect(during.some((r) => r.startsWith(nodeId('ix2', 0)))).toBe(true);
    await engine.reached;
    engine.release();
    await indexed.warm();
    expect(indexed.mode).toBe('indexed');
    expect(indexed.stats()).toMatchObject({ ready: true, builds: 2, resets: 1 });
    expect(await everything(indexed, [nodeId('ix2', 0), nodeId('ix2', 1)])).toEqual(await everything(reference, [nodeId('ix2', 0), nodeId('ix2', 1)]));
  });

  it('answers from the engine while the event log cannot be read, and from the index again after', async () => {
    const indexed = new IndexedTraversal(reference, engine, new EventLog(engine, catalogue), catalogue, OPTIONS);
    await indexed.warm();
    await relate('ix-during-outage', nodeId(prefix, 11), nodeId(prefix, 12));
    engine.failLogReads = true;
    try {
      const during = await everything(indexed);
      expect(indexed.mode).toBe('cypher');
      expect(during).toEqual(await everything(reference));
      expect(during.some((r) => r.includes(':ix-during-outage:'))).toBe(true);
    } finally {
      engine.failLogReads = false;
    }
    await indexed.warm();
    expect(indexed.mode).toBe('indexed');
    expect(await everything(indexed)).toEqual(await everything(reference));
  });

  it('never indexes an engine without a write mark, a graph past the limit, or when switched off', async () => {
    const { writeMark: _mark, ...unmarked } = engine;
    const withoutMark: GraphEngine = { ...unmarked, kind: 'grafeo', read: engine.read.bind(engine), write: engine.write.bind(engine) };
    const cases: [string, IndexedTraversal][] = [
      ['no write mark', new IndexedTraversal(reference, withoutMark, log, catalogue, OPTIONS)],
      ['too large', new IndexedTraversal(reference, engine, log, catalogue, { ...OPTIONS, maxRelationships: 10 })],
      ['off', new IndexedTraversal(reference, engine, log, catalogue, { ...OPTIONS, enabled: false })],
    ];
    for (const [name, traversal] of cases) {
      await traversal.warm();
      expect({ name, mode: traversal.mode }).toEqual({ name, mode: 'cypher' });
      expect(await everything(traversal)).toEqual(await everything(reference));
      expect({ name, entities: traversal.index.entityCount }).toEqual({ name, entities: 0 });
    }
  });
});
