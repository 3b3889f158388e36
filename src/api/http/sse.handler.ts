import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ExecutionResult, GraphQLSchema } from 'graphql';
import { createHandler } from 'graphql-sse/lib/use/http';
import type { ApiContext } from '../context';
import type { SubscribeFunction } from '../subscriptions/shared-execution';

/** Where the Server-Sent Events transport is served (graphql-sse protocol, distinct connections mode). */
export const SSE_PATH = '/graphql/stream';

export interface SseHandlerOptions {
  schema: GraphQLSchema;
  /** The same subscribe as graphql-ws (shared execution, authorization seam). */
  subscribe: SubscribeFunction;
  /** The per-operation context (actor from the request; placeholder until tokens). */
  context: (req: IncomingMessage) => Promise<ApiContext>;
  /** Masks errors in results the way the other transports do. */
  mask: (result: ExecutionResult) => ExecutionResult;
}

/**
 * graphql-sse over node:http: a second transport for dashboards behind proxies that do
 * not pass WebSockets. Serves the same schema and resolvers as /graphql and graphql-ws.
 */
export function createSseHandler(options: SseHandlerOptions): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  // graphql-sse types its context as a loose record; ApiContext is an interface.
  type Ctx = Record<PropertyKey, unknown>;
  return createHandler<Ctx>({
    schema: options.schema,
    subscribe: (args) => options.subscribe(args),
    context: async (req) => (await options.context(req.raw)) as unknown as Ctx,
    onNext: (_ctx, _req, result) => options.mask(result as ExecutionResult),
  });
}
