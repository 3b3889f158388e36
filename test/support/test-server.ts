import { startApp, type App } from '../../src/app';
import { loadConfig } from '../../src/config/config';
import type { GraphEngine } from '../../src/graph/graph-engine.port';
import { openGraph } from '../../src/graph/open-graph';
import { QueryCatalogue } from '../../src/graph/query-catalogue';
import { createLogger } from '../../src/logger';

export interface TestServerOptions {
  /** GRAPH_URL; default `memory:`. */
  graphUrl?: string;
  /** Wrap the opened engine (e.g. in a CountingEngine). */
  wrapEngine?: (engine: GraphEngine) => GraphEngine;
  env?: Record<string, string>;
}

/**
 * Starts the real server on a free port of 127.0.0.1. Every server started here is
 * closed by `stopAllTestServers` (call it in afterAll).
 */
const running = new Set<App>();

export async function startTestServer(options: TestServerOptions = {}): Promise<App> {
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    GRAPH_URL: options.graphUrl ?? 'memory:',
    ...options.env,
  });
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  let engine: GraphEngine | undefined;
  if (options.wrapEngine) engine = options.wrapEngine(await openGraph(config.graph, new QueryCatalogue()));
  const app = await startApp(config, { logger, engine });
  running.add(app);
  return app;
}

/** Stops a server started by startTestServer. */
export async function stopTestServer(app: App): Promise<void> {
  if (!running.delete(app)) return;
  await app.close();
}

export async function stopAllTestServers(): Promise<void> {
  await Promise.all([...running].map((app) => stopTestServer(app)));
}
