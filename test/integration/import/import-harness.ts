import { buildServices } from '../../../src/app';
import { loadConfig } from '../../../src/config/config';
import type { Services } from '../../../src/domain/services';
import type { GraphEngine } from '../../../src/graph/graph-engine.port';
import { openGraph } from '../../../src/graph/open-graph';
import { QueryCatalogue } from '../../../src/graph/query-catalogue';

/** Services on a fresh in-memory Grafeo database, the default metamodel seeded. */
export interface ImportHarness {
  engine: GraphEngine;
  services: Services;
  /** Counts of entities by kind and relationships by type (only Entity nodes). */
  counts(): Promise<{ kinds: Record<string, number>; types: Record<string, number> }>;
  close(): Promise<void>;
}

const opened = new Set<ImportHarness>();
const fixtures = new QueryCatalogue(`${__dirname}/../../fixtures/cypher/import`);

/** Opens a fresh database; close it with closeAllHarnesses in afterAll. */
export async function openHarness(): Promise<ImportHarness> {
  const config = loadConfig({ NODE_ENV: 'test', GRAPH_URL: 'memory:' });
  const engine = await openGraph(config.graph, new QueryCatalogue());
  const services = buildServices(engine, new QueryCatalogue(), config);
  await services.events.start();
  await services.metamodel.seedDefaults('system');
  const harness: ImportHarness = {
    engine,
    services,
    counts: async () => {
      const kinds = await engine.read<{ kind: string; count: number }>(fixtures.get('count-entities-by-kind'));
      const types = await engine.read<{ type: string; count: number }>(fixtures.get('count-relationships-by-type'));
      return {
        kinds: Object.fromEntries(kinds.map((r) => [r.kind, r.count])),
        types: Object.fromEntries(types.map((r) => [r.type, r.count])),
      };
    },
    close: async () => {
      opened.delete(harness);
      await services.events.close();
      await engine.close();
    },
  };
  opened.add(harness);
  return harness;
}

export async function closeAllHarnesses(): Promise<void> {
  await Promise.all([...opened].map((h) => h.close()));
}
