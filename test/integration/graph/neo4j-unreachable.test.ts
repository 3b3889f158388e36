import { GraphUnavailableError } from '../../../src/graph/graph.errors';
import { Neo4jEngine } from '../../../src/graph/neo4j/neo4j.engine';

describe('Neo4jEngine.connect without a server', () => {
  test('rejects within seconds with a GraphUnavailableError saying which server it cannot reach', async () => {
    const started = Date.now();

    const outcome = Neo4jEngine.connect({
      engine: 'neo4j',
      url: 'bolt://127.0.0.1:1',
      user: 'neo4j',
      password: 'secret-password',
      database: undefined,
    });

    await expect(outcome).rejects.toBeInstanceOf(GraphUnavailableError);
    await expect(outcome).rejects.toThrow(/^Cannot reach Neo4j at bolt:\/\/127\.0\.0\.1:1: /);
    await expect(outcome).rejects.not.toThrow(/secret-password/);
    expect(Date.now() - started).toBeLessThan(5_000);
  }, 10_000);

  test('rejects a URL the driver does not understand with a GraphUnavailableError naming it', async () => {
    const outcome = Neo4jEngine.connect({ engine: 'neo4j', url: 'bolt://', user: 'neo4j', password: 'x', database: undefined });

    await expect(outcome).rejects.toBeInstanceOf(GraphUnavailableError);
    await expect(outcome).rejects.toThrow(/bolt:\/\//);
  });
});
