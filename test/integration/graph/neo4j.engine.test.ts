import { Neo4jEngine } from '../../../src/graph/neo4j/neo4j.engine';
import { findNeo4jForTests, startNeo4jForTests, type RunningNeo4j } from '../../support/neo4j-target';
import { skipLoudly } from '../../support/skip-loudly';
import { describeEngineContract } from './engine.contract';

const source = findNeo4jForTests();

if (source.kind === 'none') {
  skipLoudly(`Neo4j contract suite — skipped: ${source.reason}`);
} else {
  let neo4j: RunningNeo4j | undefined;

  beforeAll(async () => {
    neo4j = await startNeo4jForTests(source);
  }, 300_000);

  afterAll(async () => {
    await neo4j?.stop();
  }, 60_000);

  describeEngineContract('Neo4j', async () => {
    if (neo4j === undefined) throw new Error('Neo4j did not start: see the beforeAll failure above');
    return Neo4jEngine.connect(neo4j.target);
  });
}
