import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApiServer, type ApiServer } from './api/http/api-server';
import { createSchema } from './api/schema';
import type { AppConfig } from './config/config';
import { EntityService } from './domain/entities/entity.service';
import { MetamodelService } from './domain/metamodel/metamodel.service';
import { RelationshipService } from './domain/relationships/relationship.service';
import type { Services } from './domain/services';
import { InProcessEventBus } from './events/in-process-event-bus';
import { RecordedWrites } from './events/recorded-writes';
import type { GraphEngine } from './graph/graph-engine.port';
import { describeTarget, openGraph } from './graph/open-graph';
import { QueryCatalogue } from './graph/query-catalogue';
import type { Logger } from './logger';

/** A running xrm-graph server. */
export interface App {
  /** The GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql. */
  url: string;
  port: number;
  engine: GraphEngine;
  services: Services;
  server: ApiServer;
  /** Stops the server and closes the engine (flushing the embedded database). */
  close(): Promise<void>;
}

export interface StartOptions {
  logger: Logger;
  /** Use this engine instead of opening the configured one (tests wrap engines to count calls). */
  engine?: GraphEngine;
}

/** The version in package.json. */
export const VERSION: string = (
  JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version: string }
).version;

/**
 * Start-up: config → graph engine (schema applied) → metamodel seeded → services →
 * HTTP + WebSocket server listening.
 * @throws GraphUnavailableError when the engine cannot be opened or reached.
 */
export async function startApp(config: AppConfig, options: StartOptions): Promise<App> {
  const { logger } = options;
  const catalogue = new QueryCatalogue();
  const engine = options.engine ?? (await openGraph(config.graph, catalogue));
  logger.info({ graph: describeTarget(config.graph) }, 'graph engine ready');

  try {
    const services = buildServices(engine, catalogue, config);
    await services.metamodel.seedDefaults('system');

    const server = await createApiServer({
      schema: await createSchema(),
      services,
      logger,
      introspection: config.introspection,
      maxBodyBytes: config.maxBodyBytes,
      readiness: async () => {
        try {
          await engine.ping();
          return { ready: true, checks: { graph: 'ok' } };
        } catch (error) {
          return { ready: false, checks: { graph: `unavailable: ${(error as Error).message}` } };
        }
      },
    });
    const port = await server.listen(config.port, config.host);
    const host = config.host.includes(':') ? `[${config.host}]` : config.host;
    return {
      url: `http://${host}:${port}/graphql`,
      port,
      engine,
      services,
      server,
      close: async () => {
        await server.close();
        await engine.close();
      },
    };
  } catch (error) {
    await engine.close();
    throw error;
  }
}

/** Builds the domain services on an engine. */
export function buildServices(engine: GraphEngine, catalogue: QueryCatalogue, config: AppConfig): Services {
  const limits = { defaultSize: config.defaultPageSize, maxSize: config.maxPageSize };
  const events = new InProcessEventBus();
  const writes = new RecordedWrites(engine, catalogue, events);
  const metamodel = new MetamodelService(engine, catalogue, writes);
  const entities = new EntityService(engine, catalogue, metamodel, limits, writes);
  const relationships = new RelationshipService(engine, catalogue, metamodel, entities, limits, writes);
  return { metamodel, entities, relationships, events, engineKind: engine.kind, version: VERSION };
}
