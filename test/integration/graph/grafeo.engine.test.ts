import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GrafeoEngine } from '../../../src/graph/grafeo/grafeo.engine';
import { GraphUnavailableError } from '../../../src/graph/graph.errors';
import { QueryCatalogue } from '../../../src/graph/query-catalogue';
import { CONTRACT_CYPHER_DIR, describeEngineContract } from './engine.contract';

describeEngineContract('Grafeo (in memory)', () => Promise.resolve(new GrafeoEngine(null)));

describe('Grafeo engine on disk', () => {
  const queries = new QueryCatalogue(CONTRACT_CYPHER_DIR);
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'xrm-grafeo-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  test('keeps written data after the engine is closed and the database reopened', async () => {
    const path = join(dir, 'graph', 'xrm');
    const first = new GrafeoEngine(path);
    await first.write(queries.get('counter-create'), { id: 'persisted' });
    await first.close();

    const reopened = new GrafeoEngine(path);
    try {
      expect(await reopened.read(queries.get('counter-get'), { id: 'persisted' })).toEqual([{ value: 0 }]);
    } finally {
      await reopened.close();
    }
  });

  test('refuses a second open of the same database with a GraphUnavailableError saying it is locked', async () => {
    const path = join(dir, 'xrm');
    const holder = new GrafeoEngine(path);
    try {
      let failure: unknown;
      try {
        new GrafeoEngine(path).close().catch(() => undefined);
      } catch (error) {
        failure = error;
      }
      expect(failure).toBeInstanceOf(GraphUnavailableError);
      expect((failure as Error).message).toMatch(/locked|in use/i);
      expect((failure as Error).message).toContain(path);
    } finally {
      await holder.close();
    }
  });
});
