import { buildServices } from '../app';
import { loadConfig, type AppConfig } from '../config/config';
import type { Services } from '../domain/services';
import type { GraphEngine } from '../graph/graph-engine.port';
import { GraphUnavailableError } from '../graph/graph.errors';
import { describeTarget, openGraph } from '../graph/open-graph';
import { QueryCatalogue } from '../graph/query-catalogue';
import { CliError, ExitCode } from './exit-codes';

/** Reads the configuration from the environment. @throws CliError (USAGE) when it is invalid. */
export function cliConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  try {
    return loadConfig(env);
  } catch (error) {
    throw new CliError((error as Error).message, ExitCode.USAGE);
  }
}

/** Services on an open engine, for one CLI command. */
export interface CliServices {
  config: AppConfig;
  engine: GraphEngine;
  services: Services;
  catalogue: QueryCatalogue;
  close(): Promise<void>;
}

/**
 * Opens the configured graph (schema applied, default metamodel seeded) and builds the
 * services, as the server does.
 * @throws CliError (GRAPH_UNAVAILABLE) when the engine cannot be opened; for a locked
 *   embedded database the message says to stop the server or import over GraphQL.
 */
export async function openServices(config: AppConfig): Promise<CliServices> {
  const catalogue = new QueryCatalogue();
  let engine: GraphEngine;
  try {
    engine = await openGraph(config.graph, catalogue);
  } catch (error) {
    throw graphUnavailable(error, config);
  }
  const services = buildServices(engine, catalogue, config);
  try {
    await services.events.start();
    await services.metamodel.seedDefaults('system');
  } catch (error) {
    await services.events.close().catch(() => undefined);
    await engine.close().catch(() => undefined);
    throw error;
  }
  return {
    config,
    engine,
    services,
    catalogue,
    close: async () => {
      await services.events.close();
      await engine.close();
    },
  };
}

/** The CLI's message for an engine that cannot be opened. */
export function graphUnavailable(error: unknown, config: AppConfig): Error {
  if (!(error instanceof GraphUnavailableError)) return error as Error;
  const locked = /locked/i.test(error.message);
  const hint = locked
    ? '\nThe embedded database is held by another process, most likely a running `xrm serve`. Stop the server first, ' +
      'or import through the running server with the GraphQL mutations importEntities / importRelationships, ' +
      'or point this command at another database with GRAPH_URL.'
    : `\nCheck GRAPH_URL (now: ${describeTarget(config.graph)}) and that the database is running.`;
  return new CliError(`${error.message}${hint}`, ExitCode.GRAPH_UNAVAILABLE);
}
