import { Neo4jEngine } from '../../../src/graph/neo4j/neo4j.engine';
import { findNeo4jForTests, startNeo4jForTests, type RunningNeo4j } from '../../support/neo4j-target';
import { skipLoudly } from '../../support/skip-loudly';
import { openGrafeo } from '../../support/touchpoints/test-bed';
import { describeBookingService } from './booking-service.contract';

describeBookingService('the embedded engine (Grafeo)', openGrafeo);

const source = findNeo4jForTests();
if (source.kind === 'none') {
  skipLoudly(`booking service on Neo4j — skipped: ${source.reason}`);
} else {
  let neo4j: RunningNeo4j | undefined;
  beforeAll(async () => {
    neo4j = await startNeo4jForTests(source);
  }, 300_000);
  afterAll(async () => {
    await neo4j?.stop();
  }, 60_000);
  describeBookingService('Neo4j', async () => {
    if (neo4j === undefined) throw new Error('Neo4j did not start: see the beforeAll failure above');
    return Neo4jEngine.connect(neo4j.target);
  });
}
