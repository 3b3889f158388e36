import { openGraph } from '../../../src/graph/open-graph';
import { QueryCatalogue } from '../../../src/graph/query-catalogue';
import { CONTRACT_CYPHER_DIR } from './engine.contract';

describe('openGraph', () => {
  test('opens the embedded engine in memory with its schema applied, ready for queries', async () => {
    const engine = await openGraph({ engine: 'grafeo', path: null }, new QueryCatalogue());
    try {
      expect(engine.kind).toBe('grafeo');
      const queries = new QueryCatalogue(CONTRACT_CYPHER_DIR);
      await engine.write(queries.get('counter-create'), { id: 'open-graph-counter' });
      expect(await engine.read(queries.get('counter-get'), { id: 'open-graph-counter' })).toEqual([{ value: 0 }]);
    } finally {
      await engine.close();
    }
  });

  test('fails, closing the engine again, when the catalogue has no schema file for the engine', async () => {
    const withoutSchema = new QueryCatalogue(CONTRACT_CYPHER_DIR);

    await expect(openGraph({ engine: 'grafeo', path: null }, withoutSchema)).rejects.toThrow(/schema\/grafeo/);
  });
});
