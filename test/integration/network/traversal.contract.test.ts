import { CypherTraversal } from '../../../src/graph/cypher.traversal';
import { GrafeoEngine } from '../../../src/graph/grafeo/grafeo.engine';
import { InstrumentedEngine } from '../../../src/graph/instrumented.engine';
import { Neo4jEngine } from '../../../src/graph/neo4j/neo4j.engine';
import { traversalFor } from '../../../src/graph/open-traversal';
import { QueryCatalogue } from '../../../src/graph/query-catalogue';
import { describeOnNeo4j } from '../../support/on-neo4j';
import { describeTraversalContract } from './traversal.contract';

const catalogue = new QueryCatalogue();

// Grafeo: the native traversal and the portable Cypher one, both against the reference.
describeTraversalContract('Grafeo (native and Cypher)', async () => {
  const engine = new GrafeoEngine(null);
  await engine.applySchema(catalogue.statements('schema/grafeo'));
  // Through the metrics decorator, as the app wires it: still the native capability, statements timed.
  const native = traversalFor(new InstrumentedEngine(engine, () => undefined), catalogue);
  if (native.mode !== 'grafeo-native') throw new Error('traversalFor did not pick the native traversal on Grafeo');
  return { engine, traversals: [native, new CypherTraversal(engine, catalogue)], close: () => engine.close() };
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
