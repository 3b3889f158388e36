import { IndexedTraversal } from '../../../src/domain/network/indexed-traversal';
import { EventLog } from '../../../src/events/event-log';
import { RecordedWrites } from '../../../src/events/recorded-writes';
import { CypherTraversal } from '../../../src/graph/cypher.traversal';
import { GrafeoEngine } from '../../../src/graph/grafeo/grafeo.engine';
import { InstrumentedEngine } from '../../../src/graph/instrumented.engine';
import { Neo4jEngine } from '../../../src/graph/neo4j/neo4j.engine';
import { traversalFor } from '../../../src/graph/open-traversal';
import { QueryCatalogue } from '../../../src/graph/query-catalogue';
import { describeOnNeo4j } from '../../support/on-neo4j';
import { describeTraversalContract } from './traversal.contract';

const catalogue = new QueryCatalogue();

// Grafeo: the topology index, the native traversal and the portable Cypher one, all against the reference.
describeTraversalContract('Grafeo (indexed, native and Cypher)', async () => {
  const engine = new GrafeoEngine(null);
  await engine.applySchema(catalogue.statements('schema/grafeo'));
  // Through the metrics decorator, as the app wires it: still the native capability, statements timed.
  const instrumented = new InstrumentedEngine(engine, () => undefined);
  const native = traversalFor(instrumented, catalogue);
  if (native.mode !== 'grafeo-native') throw new Error('traversalFor did not pick the native traversal on Grafeo');
  const log = new EventLog(engine, catalogue);
  await log.ensure();
  const indexed = new IndexedTraversal(native, instrumented, log, catalogue, { enabled: true, maxRelationships: 1_000_000, rebuildIntervalMs: 0, chunkSize: 50 });
  // Writes log their events as the services' do, so the index follows them.
  const writes = new RecordedWrites(engine, catalogue, { publish: () => undefined });
  return {
    engine,
    traversals: [indexed, native, new CypherTraversal(engine, catalogue)],
    close: () => engine.close(),
    commit: (query, params, event) => writes.run('contract', 'test', async (tx, emit) => void (await tx.run(query, params), emit(event))),
    loaded: async () => {
      await indexed.warm();
      if (indexed.mode !== 'indexed') throw new Error(`the topology index did not build (mode ${indexed.mode})`);
    },
  };
});

describeOnNeo4j('traversal contract', (label, open) => {
  describeTraversalContract(label, async () => {
    const engine = await open();
    await engine.applySchema(catalogue.statements('schema/neo4j'));
    const traversal = traversalFor(engine, catalogue);
    if (!(engine instanceof Neo4jEngine) || traversal.mode !== 'cypher') throw new Error('Neo4j must take the Cypher traversal');
    return { engine, traversals: [traversal], close: () => engine.close() };
  });
});
