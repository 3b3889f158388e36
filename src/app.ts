import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApiServer, type ApiServer } from './api/http/api-server';
import { createSchema } from './api/schema';
import { assertSafeBinding, type AppConfig } from './config/config';
import { AnalyticsService } from './domain/analytics/analytics.service';
import { EntityService } from './domain/entities/entity.service';
import { EntityCache } from './domain/entities/entity-cache';
import { MetamodelService } from './domain/metamodel/metamodel.service';
import { IndexedTraversal } from './domain/network/indexed-traversal';
import { LogFollower } from './events/log-follower';
import { traversalFor } from './graph/open-traversal';
import { NetworkService } from './domain/network/network.service';
import { EntityViewService } from './domain/entity-view/entity-view.service';
import { RelationshipService } from './domain/relationships/relationship.service';
import { BookingService } from './domain/bookings/booking.service';
import { ChannelService } from './domain/channels/channel.service';
import { ExperienceService } from './domain/touchpoints/experience.service';
import { TouchpointService } from './domain/touchpoints/touchpoint.service';
import { TouchpointStrength } from './domain/touchpoints/touchpoint-strength';
import type { Services } from './domain/services';
import { ExportService } from './domain/export/export.service';
import { ImportService } from './domain/import/import.service';
import { DomainEventType } from './events/domain-event';
import type { EventBus } from './events/event-bus.port';
import { EventFeed } from './events/event-feed';
import { EventLog } from './events/event-log';
import { InProcessEventBus } from './events/in-process-event-bus';
import { RecordedWrites } from './events/recorded-writes';
import { RedisEventBus } from './events/redis-event-bus';
import { startRetentionPruning } from './events/retention-pruner';
import type { GraphEngine } from './graph/graph-engine.port';
import { describeTarget, openGraph } from './graph/open-graph';
import { ResilientEngine, type EngineStatus } from './graph/resilient.engine'; // engine outages
import { QueryCatalogue } from './graph/query-catalogue';
import { createLogger, type Logger } from './logger';
import { authorizeSubscription } from './auth';
import { ApiMetrics } from './api/http/metrics';
import { buildApiSecurity, countEvents, securedSchema } from './api/security/build-security';
import type { GraphAvailability } from './api/security/api-security';
import { InstrumentedEngine } from './graph/instrumented.engine';

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
 * Start-up: config → first attempt to connect the graph engine (schema applied) → services
 * → HTTP + WebSocket server listening → start-up tasks once connected (event feed started,
 * metamodel seeded) → ready. When the engine cannot be
 * reached (Neo4j down, embedded database locked by another process), the server still
 * starts: /readyz answers 503, GraphQL answers SERVICE_UNAVAILABLE, and a connector
 * retries with exponential backoff (GRAPH_RETRY_INITIAL_MS … GRAPH_RETRY_MAX_MS) until
 * the engine answers; a later outage is handled the same way (see ResilientEngine).
 * @throws Error when the first connection fails for another reason than availability
 *   (e.g. a failing schema statement), or the port cannot be bound.
 */
export async function startApp(config: AppConfig, options: StartOptions): Promise<App> {
  const { logger } = options;
  assertSafeBinding(config); // an open API binds loopback only
  const catalogue = new QueryCatalogue();
  const metrics = new ApiMetrics();
  const provided = options.engine;
  const target = provided === undefined ? describeTarget(config.graph) : `${provided.kind} (provided)`;
  let stopPruning: () => Promise<void> = () => Promise.resolve();
  // The start-up tasks need the services, which need the engine: set once the services exist.
  let startUp: () => Promise<void> = () => Promise.reject(new Error('the services are not built yet'));
  const resilient = new ResilientEngine({
    kind: provided?.kind ?? (config.graph.engine === 'neo4j' ? 'neo4j' : 'grafeo'),
    connect: provided === undefined ? () => openGraph(config.graph, catalogue) : () => reachEngine(provided, catalogue),
    onFirstConnect: () => startUp(),
    backoff: { initialMs: config.graphRetry.initialMs, maxMs: config.graphRetry.maxMs },
    healthCheckMs: config.graphRetry.healthCheckMs,
    logger,
    target,
  });
  const availability = (): GraphAvailability => {
    const status = resilient.status();
    const waitMs = status.retryInMs ?? config.graphRetry.initialMs;
    return { available: status.state === 'ready', retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  };
  // The first attempt before the services are built, so a reachable engine is there for them
  // (native capabilities); a failure other than availability (e.g. a schema statement) stops start-up.
  try {
    await resilient.connect();
  } catch (error) {
    await resilient.close();
    throw error;
  }
  const engine = new InstrumentedEngine(resilient, metrics.observeQuery); // query latency
  const built = buildServices(engine, catalogue, config, { logger });
  let eventsStarted = false;
  startUp = async () => {
    if (!eventsStarted) {
      await built.events.start();
      eventsStarted = true;
      stopPruning = startRetentionPruning(built.events.log, {
        retentionDays: config.eventRetentionDays,
        intervalMs: config.eventPruneIntervalMs,
        logger,
      });
    }
    await built.metamodel.seedDefaults('system');
  };
  let server: ApiServer | undefined;
  try {
    // Analytics results depend on the whole graph: any committed change makes them stale.
    // Metamodel and channel caches follow METAMODEL_CHANGED at once, also one committed by
    // another instance (through Redis); their TTL only bounds staleness while Redis is away.
    built.events.subscribe((event) => {
      built.analytics.invalidate();
      if (event.type === DomainEventType.METAMODEL_CHANGED) {
        built.metamodel.invalidateCache();
        built.channels.invalidateCache();
      }
    });
    countEvents(built, metrics);
    metrics.watchEntityCache(() => built.entities.cacheStats());
    metrics.watchNetworkIndex(() => built.network.indexStats());
    const writes = new RecordedWrites(engine, catalogue, built.events); // API key events
    server = await createApiServer({
      schema: securedSchema(await createSchema(), config, metrics), // roles, timeouts, field rules
      security: buildApiSecurity(config, { engine, catalogue, metrics, logger, graphAvailability: availability, writes }),
      authorizeSubscription,
      services: built,
      logger,
      introspection: config.introspection,
      maxBodyBytes: config.maxBodyBytes,
      shutdownGraceMs: config.shutdownGraceMs, // graceful shutdown
      readiness: async () => {
        // a degraded event bus (Redis away) keeps serving local subscribers: reported, still ready.
        const bus = built.events.health();
        const busCheck: Record<string, string> = config.redisUrl === undefined ? {} : { redis: bus.status === 'ok' ? 'ok' : `degraded: ${bus.detail ?? 'unavailable'}` };
        // not ready until connected and started; a failing ping marks the engine lost (and retrying).
        if (resilient.status().state === 'ready') {
          try {
            await engine.ping();
            return { ready: true, checks: { graph: 'ok', ...busCheck } };
          } catch {
            // reported below with the engine's status
          }
        }
        return { ready: false, checks: { graph: 'unavailable', graphReason: describeStatus(resilient.status()), ...busCheck } };
      },
    });
    const port = await server.listen(config.port, config.host);
    const host = config.host.includes(':') ? `[${config.host}]` : config.host;
    // start-up tasks (event feed, seeding) once connected; until then retries run in the background.
    if (!(await resilient.start())) {
      logger.warn({ graph: target, port }, 'serving without the graph engine: /readyz answers 503 until it connects');
    }
    const running = server;
    return {
      url: `http://${host}:${port}/graphql`,
      port,
      engine,
      services: built,
      server: running,
      close: async () => {
        await stopPruning();
        await running.close();
        await built.events.close();
        await engine.close();
      },
    };
  } catch (error) {
    await server?.close().catch(() => undefined);
    await stopPruning().catch(() => undefined);
    await built.events.close().catch(() => undefined);
    await engine.close();
    throw error;
  }
}

/** A provided engine (tests) is connected when it answers a ping; its schema is (re)applied, idempotently. */
async function reachEngine(engine: GraphEngine, catalogue: QueryCatalogue): Promise<GraphEngine> {
  await engine.ping();
  await engine.applySchema(catalogue.statements(`schema/${engine.kind}`));
  return engine;
}

/** `connecting: Cannot reach Neo4j at … (attempt 3, next in 2000 ms)`, for /readyz. */
function describeStatus(status: EngineStatus): string {
  const next = status.retryInMs === undefined ? '' : `, next in ${status.retryInMs} ms`;
  const attempt = status.attempts > 0 ? ` (attempt ${status.attempts}${next})` : '';
  return `${status.state}: ${status.reason ?? 'checking'}${attempt}`;
}

/**
 * Builds the domain services on an engine. Events go through Redis when REDIS_URL is set,
 * else in process (`options.bus` overrides both); call `services.events.start()` before
 * serving subscriptions and `services.events.close()` at shutdown.
 */
export function buildServices(
  engine: GraphEngine,
  catalogue: QueryCatalogue,
  config: AppConfig,
  options: { logger?: Logger; bus?: EventBus } = {},
): Services {
  const limits = { defaultSize: config.defaultPageSize, maxSize: config.maxPageSize };
  const logger = options.logger ?? createLogger('silent');
  const bus =
    options.bus ?? (config.redisUrl === undefined ? new InProcessEventBus() : new RedisEventBus({ url: config.redisUrl, logger }));
  const eventLog = new EventLog(engine, catalogue);
  const events = new EventFeed(bus, eventLog, logger);
  const writes = new RecordedWrites(engine, catalogue, events);
  const metamodel = new MetamodelService(engine, catalogue, writes);
  // The entity cache and the topology index follow the event log through one follower: each change is read once.
  const changes = new LogFollower(engine, eventLog);
  const entityCache = new EntityCache(engine, eventLog, config.entityCacheSize, undefined, changes); // exact on the embedded engine (docs/caching.md)
  const entities = new EntityService(engine, catalogue, metamodel, limits, writes, entityCache);
  const relationships = new RelationshipService(engine, catalogue, metamodel, entities, limits, writes);
  const n = config.network;
  // Traversals answer from the in-memory topology index where the engine allows it (docs/network.md).
  const traversal = new IndexedTraversal(traversalFor(engine, catalogue), engine, eventLog, catalogue, {
    enabled: n.indexEnabled,
    maxRelationships: n.indexMaxRelationships,
    rebuildIntervalMs: n.indexRebuildIntervalMs,
    follower: changes,
    log: (message, fields) => logger.info(fields, message),
  });
  const network = new NetworkService(
    engine,
    catalogue,
    metamodel,
    entities,
    n,
    { explicit: n.strengthWeightExplicit, touchpoints: n.strengthWeightTouchpoints, defaultStrength: n.strengthDefault },
    traversal,
  );
  const analytics = new AnalyticsService(engine, catalogue, network, {
    maxNodes: n.analyticsMaxNodes,
    timeBudgetMs: n.analyticsTimeBudgetMs,
    page: limits,
  });
  const channels = new ChannelService(engine, catalogue, writes);
  const touchpoints = new TouchpointService(engine, catalogue, channels, entities, limits, writes);
  const experience = new ExperienceService(engine, catalogue, touchpoints, entities, limits);
  const bookings = new BookingService(engine, catalogue, metamodel, entities, limits, writes);
  // The touchpoint term of relationship strength, only when STRENGTH_WEIGHT_TOUCHPOINTS > 0 (default 0: no extra engine call).
  if (config.network.strengthWeightTouchpoints > 0) network.useTouchpointStrength(new TouchpointStrength(engine, catalogue));
  const entityView = new EntityViewService(
    engine,
    catalogue,
    { explicit: n.strengthWeightExplicit, touchpoints: n.strengthWeightTouchpoints, defaultStrength: n.strengthDefault },
    limits.maxSize,
  );
  if (config.network.strengthWeightTouchpoints > 0) entityView.useTouchpointStrength(new TouchpointStrength(engine, catalogue));
  const imports = new ImportService(engine, catalogue, metamodel, writes);
  // a local named `exports` shadows CommonJS `exports`, so `VERSION` (compiled to exports.VERSION) read undefined
  const exporter = new ExportService(engine, catalogue, metamodel);
  return { imports, exports: exporter, metamodel, entities, relationships, channels, touchpoints, experience, bookings, events, network, analytics, entityView /* 360° view */, engineKind: engine.kind, version: VERSION };
}
