import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { GraphQLError, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { WebSocketServer } from 'ws';
import type { Services } from '../../domain/services';
import type { Logger } from '../../logger';
import type { ApiContext } from '../context';
import { createErrorFormatter } from '../errors/format-error';
import { createLoaders } from '../loaders/loaders';
import { createGraphQLHandler, errorDocument } from './graphql-http.handler';
import { authorizeSubscription, type SubscriptionAuthorizer } from '../subscriptions/authorize-subscription';
import { actorFromConnectionParams } from '../subscriptions/connection-actor';
import { createSharedSubscribe, type SharedExecutionStats } from '../subscriptions/shared-execution';
import { useSharedPayloadServer, type PayloadSerialisationStats } from '../subscriptions/shared-payload-ws';
import { countWebSocketOperations, validatingOnSubscribe, type ObserveOperation } from '../subscriptions/ws-operation-metrics';
import { operationLabel } from './metrics';
import { createSseHandler, SSE_PATH } from './sse.handler';
import { sendJson } from './send-json';
import { OPEN_PRINCIPAL, type Principal } from '../../auth';
import type { ApiSecurity } from '../security/api-security';

export const GRAPHQL_PATH = '/graphql';

/** What /readyz reports. */
export interface Readiness {
  ready: boolean;
  checks: Record<string, string>;
}

export interface ApiServerOptions {
  schema: GraphQLSchema;
  services: Services;
  logger: Logger;
  introspection: boolean;
  maxBodyBytes: number;
  readiness: () => Promise<Readiness>;
  /** Authentication, limits, rate limits, CORS, metrics (src/api/security). */
  security: ApiSecurity;
  /** Decides who may subscribe to what; default: everyone (see authorize-subscription.ts). */
  authorizeSubscription?: SubscriptionAuthorizer;
  /** How long a WebSocket may stay without `connection_init` before it is closed with 4408; default 3000 ms. */
  connectionInitWaitTimeoutMs?: number;
  /** Longest close() waits for in-flight HTTP operations before cutting them; default 10000 ms. */
  shutdownGraceMs?: number;
}

/** A running API: HTTP GraphQL, graphql-ws on the same path, /healthz and /readyz. */
export interface ApiServer {
  readonly http: Server;
  /** Starts listening; resolves with the bound port. */
  listen(port: number, host: string): Promise<number>;
  /**
   * Graceful shutdown: stops accepting, closes every graphql-ws socket with 1001 (going
   * away), ends every SSE stream, then lets in-flight HTTP operations finish for at most
   * `shutdownGraceMs` before cutting them. Safe to call more than once.
   */
  close(): Promise<void>;
  /** How often subscription results were executed vs shared, and serialised vs reused. */
  readonly subscriptionStats: SharedExecutionStats & PayloadSerialisationStats;
}

/** Wires Apollo Server and graphql-ws onto one node:http server. */
export async function createApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const { schema, services, logger } = options;
  const http = createServer();
  const { security } = options;
  const formatError = security.formatErrors(createErrorFormatter(logger)); // limits/auth refusals keep their codes

  // the principal decides the actor once someone is authenticated
  const contextFor = (actor: string, principal: Principal = OPEN_PRINCIPAL): ApiContext => ({
    services,
    loaders: createLoaders(services),
    actor: principal.source === 'open' ? actor : principal.id,
    requestId: randomUUID(),
    principal,
    apiKeys: security.apiKeys,
  });

  // Operations over WebSocket and SSE land in the same request metrics as HTTP ones.
  const observe: ObserveOperation = (operation, outcome, seconds) =>
    security.metrics.observeRequest(operation ? operationLabel(operation) : 'unknown', operation?.operation ?? 'unknown', outcome, seconds);
  const countedRefusals = new WeakSet<object>();
  const shared = createSharedSubscribe({ authorize: options.authorizeSubscription ?? authorizeSubscription, logger, observe });
  const mask = (result: ExecutionResult) => maskErrors(result, formatError);
  const handleSse = createSseHandler({
    schema,
    subscribe: shared.subscribe,
    context: (req) => Promise.resolve(contextFor(actorFromConnectionParams({ actor: req.headers['x-actor'] }), security.principalOf(req))), // principal
    mask,
  });

  const wsServer = new WebSocketServer({ server: http, path: GRAPHQL_PATH, ...security.webSocketServerOptions }); // Origin, max payload
  // graphql-ws's protocol core with our ws adapter, which serialises a shared payload once
  const wsServerCleanup = useSharedPayloadServer(
    countWebSocketOperations(
      // authenticates on connect, limits and rate on subscribe; keeps the hooks below
      security.secureWebSocket(schema, {
        schema,
        context: (ctx) => contextFor(actorFromConnectionParams(ctx.connectionParams)),
        subscribe: shared.subscribe,
        onSubscribe: validatingOnSubscribe(schema, observe, countedRefusals), // validation refusals counted
        connectionInitWaitTimeout: options.connectionInitWaitTimeoutMs ?? 3_000,
        // The same error discipline as HTTP: domain errors typed, everything else masked.
        onNext: (_ctx, _id, _payload, _args, result) => maskErrors(result as ExecutionResult, formatError),
      }),
      observe,
      countedRefusals,
    ),
    wsServer,
    { logger },
  );
  // dispose closes each socket with 1001 "Going away"; once only,
  // since close() and Apollo's drain both call it and a second ws close would reject.
  let wsDisposed: Promise<void> | undefined;
  const wsCleanup = { dispose: () => (wsDisposed ??= Promise.resolve(wsServerCleanup.dispose())) };
  // open SSE streams, ended at close.
  const sseStreams = new Set<ServerResponse>();

  const apollo = new ApolloServer<ApiContext>({
    schema,
    introspection: options.introspection,
    includeStacktraceInErrorResponses: false,
    formatError,
    ...security.apolloOptions, // token limit, no batching, CSRF prevention
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: http, stopGracePeriodMillis: options.shutdownGraceMs ?? 10_000 }), // bounded drain
      security.apolloPlugin<ApiContext>(), // operation limits, request log, metrics
      // No cache hints in this schema, so Apollo's cache-control plugin only ever sent `no-store`,
      // at the price of a hook around every resolved field; the HTTP handler sends it instead.
      ApolloServerPluginCacheControlDisabled(),
      // Apollo installs the inline-trace plugin by itself (an async hook per request that only
      // checks whether the schema is a federated subgraph, which it is not), and usage and schema
      // reporting when APOLLO_KEY / APOLLO_SCHEMA_REPORTING are set: none of them is wanted here.
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      {
        serverWillStart() {
          return Promise.resolve({
            async drainServer() {
              await wsCleanup.dispose();
            },
          });
        },
      },
    ],
  });
  await apollo.start();

  const handleGraphQL = createGraphQLHandler(apollo, (req: IncomingMessage) => Promise.resolve(contextFor('anonymous', security.principalOf(req))), options.maxBodyBytes);

  // Declared once, not per request: the request handler below only calls them.
  async function route(req: IncomingMessage, res: ServerResponse, url: RequestUrl): Promise<void> {
    if (url.pathname === '/metrics' && req.method === 'GET') return security.serveMetrics(res, req); // admin or METRICS_TOKEN when auth is on
    if ((url.pathname === GRAPHQL_PATH || url.pathname === SSE_PATH) && !(await security.guardHttp(req, res))) return; // CORS, auth, rate
    if (url.pathname === GRAPHQL_PATH) return handleGraphQL(req, res, url.search);
    if (url.pathname === SSE_PATH) {
      // tracked so close() can end the stream
      sseStreams.add(res);
      res.once('close', () => sseStreams.delete(res));
      return handleSse(req, res);
    }
    if (url.pathname === '/healthz' && req.method === 'GET') return sendJson(res, 200, { status: 'ok' });
    if (url.pathname === '/readyz' && req.method === 'GET') {
      const readiness = await options.readiness();
      return sendJson(res, readiness.ready ? 200 : 503, readiness);
    }
    return sendJson(res, 404, errorDocument(`Nothing at ${url.pathname}; GraphQL is served at ${GRAPHQL_PATH}`, 'NOT_FOUND'));
  }
  function failed(error: unknown, res: ServerResponse, url: RequestUrl): void {
    logger.error({ err: error, path: url.pathname }, 'request failed');
    if (!res.headersSent) sendJson(res, 500, errorDocument('Internal server error', 'INTERNAL_SERVER_ERROR'));
    else res.destroy();
  }

  http.on('request', (req, res) => {
    const url = requestUrl(req.url);
    route(req, res, url).catch((error: unknown) => failed(error, res, url));
  });

  let closing: Promise<void> | undefined;
  return {
    http,
    // live counters (getters), so a copy taken later sees the current values
    subscriptionStats: {
      get executions() {
        return shared.stats.executions;
      },
      get reused() {
        return shared.stats.reused;
      },
      get serialised() {
        return wsServerCleanup.stats.serialised;
      },
      get serialisedReused() {
        return wsServerCleanup.stats.serialisedReused;
      },
      get pushed() {
        return wsServerCleanup.stats.pushed;
      },
    },
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        http.once('error', reject);
        http.listen(port, host, () => {
          http.off('error', reject);
          resolve((http.address() as AddressInfo).port);
        });
      }),
    close: () =>
      (closing ??= (async () => {
        // Long-lived streams first, so subscribers learn at once that the server is going away.
        await wsCleanup.dispose();
        for (const res of sseStreams) res.end();
        sseStreams.clear();
        await apollo.stop(); // stops accepting; waits for in-flight operations, bounded by shutdownGraceMs
        if (http.listening) await new Promise<void>((resolve) => http.close(() => resolve()));
      })()),
  };
}

/** The parts of a request's URL the server routes on. */
type RequestUrl = Pick<URL, 'pathname' | 'search'>;

/** What almost every GraphQL POST asks for: no query string, nothing to normalise. */
const PLAIN_GRAPHQL: RequestUrl = Object.freeze({ pathname: GRAPHQL_PATH, search: '' });

/**
 * The request target's path and query string, as WHATWG URL parsing gives them (dot
 * segments resolved, characters escaped), without parsing the common case of exactly
 * `/graphql` (≈ 0.7 µs per request).
 */
export function requestUrl(target: string | undefined): RequestUrl {
  if (target === GRAPHQL_PATH) return PLAIN_GRAPHQL;
  return new URL(target ?? '/', 'http://localhost');
}

function maskErrors(
  result: ExecutionResult,
  format: ReturnType<typeof createErrorFormatter>,
): ExecutionResult {
  if (!result.errors?.length) return result;
  const errors = result.errors.map((error) => {
    const formatted = format(error.toJSON(), error);
    return new GraphQLError(formatted.message, {
      path: formatted.path,
      extensions: formatted.extensions,
    });
  });
  return { ...result, errors };
}
