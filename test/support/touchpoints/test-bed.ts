import { buildServices } from '../../../src/app';
import { loadConfig } from '../../../src/config/config';
import type { Services } from '../../../src/domain/services';
import { GrafeoEngine } from '../../../src/graph/grafeo/grafeo.engine';
import type { GraphEngine } from '../../../src/graph/graph-engine.port';
import { QueryCatalogue } from '../../../src/graph/query-catalogue';
import { CountingEngine } from '../counting-engine';

export interface TouchpointTestBed {
  engine: CountingEngine;
  services: Services;
  close(): Promise<void>;
}

/** Opens the engine a touchpoint/booking suite runs on (a fresh in-memory Grafeo, or a shared Neo4j). */
export type OpenEngine = () => Promise<GraphEngine>;

/** A fresh in-memory Grafeo. */
export const openGrafeo: OpenEngine = () => Promise.resolve(new GrafeoEngine(null));

/**
 * The real services on an engine (schema applied, default metamodel seeded), behind a
 * CountingEngine so tests can assert how many engine calls an operation costs. On a
 * shared database (Neo4j) the suites own their data through unique names and keys.
 */
export async function openTouchpointTestBed(open: OpenEngine = openGrafeo): Promise<TouchpointTestBed> {
  const catalogue = new QueryCatalogue();
  const inner = await open();
  await inner.applySchema(catalogue.statements(`schema/${inner.kind}`));
  const engine = new CountingEngine(inner);
  const services = buildServices(engine, catalogue, loadConfig({ NODE_ENV: 'test', GRAPH_URL: 'memory:' }));
  await services.metamodel.seedDefaults('system');
  return { engine, services, close: () => engine.close() };
}

