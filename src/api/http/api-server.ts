import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { GraphQLError, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Services } from '../../domain/services';
import type { Logger } from '../../logger';
import type { ApiContext } from '../context';
import { createErrorFormatter } from '../errors/format-error';
import { createLoaders } from '../loaders/loaders';
import { createGraphQLHandler, errorDocument } from './graphql-http.handler';
import { sendJson } from './send-json';

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
}

/** A running API: HTTP GraphQL, graphql-ws on the same path, /healthz and /readyz. */
export interface ApiServer {
  readonly http: Server;
  /** Starts listening; resolves with the bound port. */
  listen(port: number, host: string): Promise<number>;
  /** Stops accepting, lets in-flight requests finish, closes WebSockets. */
  close(): Promise<void>;
}

/** Wires Apollo Server and graphql-ws onto one node:http server. */
export async function createApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const { schema, services, logger } = options;
  const http = createServer();
  const formatError = createErrorFormatter(logger);

  const contextFor = (actor: string): ApiContext => ({
    services,
    loaders: createLoaders(services),
    actor,
    requestId: randomUUID(),
  });

  const wsServer = new WebSocketServer({ server: http, path: GRAPHQL_PATH });
  const wsCleanup = useServer(
    {
      schema,
      context: () => contextFor('anonymous'),
      // The same error discipline as HTTP: domain errors typed, everything else masked.
      onNext: (_ctx, _id, _payload, _args, result) => maskErrors(result as ExecutionResult, formatError),
    },
    wsServer,
  );

  const apollo = new ApolloServer<ApiContext>({
    schema,
    introspection: options.introspection,
    includeStacktraceInErrorResponses: false,
    formatError,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: http }),
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

  const handleGraphQL = createGraphQLHandler(apollo, (_req: IncomingMessage) => Promise.resolve(contextFor('anonymous')), options.maxBodyBytes);

  http.on('request', (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = async () => {
      if (url.pathname === GRAPHQL_PATH) return handleGraphQL(req, res, url.search);
      if (url.pathname === '/healthz' && req.method === 'GET') return sendJson(res, 200, { status: 'ok' });
      if (url.pathname === '/readyz' && req.method === 'GET') {
        const readiness = await options.readiness();
        return sendJson(res, readiness.ready ? 200 : 503, readiness);
      }
      return sendJson(res, 404, errorDocument(`Nothing at ${url.pathname}; GraphQL is served at ${GRAPHQL_PATH}`, 'NOT_FOUND'));
    };
    route().catch((error: unknown) => {
      logger.error({ err: error, path: url.pathname }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, errorDocument('Internal server error', 'INTERNAL_SERVER_ERROR'));
      else res.destroy();
    });
  });

  return {
    http,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        http.once('error', reject);
        http.listen(port, host, () => {
          http.off('error', reject);
          resolve((http.address() as AddressInfo).port);
        });
      }),
    close: async () => {
      await apollo.stop();
      if (http.listening) await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
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
