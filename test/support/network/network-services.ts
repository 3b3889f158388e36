import { buildServices } from '../../../src/app';
import { loadConfig } from '../../../src/config/config';
import type { Services } from '../../../src/domain/services';
import { GrafeoEngine } from '../../../src/graph/grafeo/grafeo.engine';
import type { GraphEngine } from '../../../src/graph/graph-engine.port';
import { QueryCatalogue } from '../../../src/graph/query-catalogue';

export interface NetworkTestBed {
  engine: GraphEngine;
  services: Services;
  close(): Promise<void>;
}

/** The real services on a fresh in-memory Grafeo with the schema applied and the default metamodel seeded. */
export async function openNetworkTestBed(env: Record<string, string> = {}): Promise<NetworkTestBed> {
  const catalogue = new QueryCatalogue();
  const engine = new GrafeoEngine(null);
  await engine.applySchema(catalogue.statements('schema/grafeo'));
  const services = buildServices(engine, catalogue, loadConfig({ NODE_ENV: 'test', GRAPH_URL: 'memory:', ...env }));
  await services.metamodel.seedDefaults('system');
  return { engine, services, close: () => engine.close() };
}
