import type { GraphEngine } from '../../src/graph/graph-engine.port';
import { Neo4jEngine } from '../../src/graph/neo4j/neo4j.engine';
import { findNeo4jForTests, startNeo4jForTests, type RunningNeo4j } from './neo4j-target';
import { skipLoudly } from './skip-loudly';

/**
 * Runs a contract suite against a real Neo4j 5 when one is reachable (NEO4J_TEST_URL, or
 * Docker through testcontainers), and otherwise registers a skipped test whose name and
 * printed warning say why: `<what> on Neo4j — skipped: <reason>`.
 */
export function describeOnNeo4j(what: string, describeSuite: (label: string, open: () => Promise<GraphEngine>) => void): void {
  const source = findNeo4jForTests();
  if (source.kind === 'none') {
    skipLoudly(`${what} on Neo4j — skipped: ${source.reason}`);
    return;
  }
  let neo4j: RunningNeo4j | undefined;
  beforeAll(async () => {
    neo4j = await startNeo4jForTests(source);
  }, 300_000);
  afterAll(async () => {
    await neo4j?.stop();
  }, 60_000);
  describeSuite('Neo4j', async () => {
    if (neo4j === undefined) throw new Error('Neo4j did not start: see the beforeAll failure above');
    return Neo4jEngine.connect(neo4j.target);
  });
}
