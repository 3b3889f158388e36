import {
  createSourceEventStream,
  execute,
  getOperationAST,
  GraphQLError,
  Kind,
  print,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
} from 'graphql';
import { DomainError } from '../../domain/errors';
import type { Logger } from '../../logger';
import type { ApiContext } from '../context';
import type { SubscriptionAuthorizer } from './authorize-subscription';

/** A subscription's results; `return()` ends it at once (graphql-ws and graphql-sse call it on complete/close). */
export interface ResultStream extends AsyncIterableIterator<ExecutionResult> {
  return(): Promise<IteratorResult<ExecutionResult>>;
  throw(error: unknown): Promise<IteratorResult<ExecutionResult>>;
}

/** graphql's `subscribe`, as both transports accept it. */
export type SubscribeFunction = (args: ExecutionArgs) => Promise<ResultStream | ExecutionResult>;

export interface SharedSubscribeOptions {
  authorize: SubscriptionAuthorizer;
  logger: Logger;
  /** How long an executed result stays shareable, in ms; default 10,000 (covers subscribers that lag behind). */
  ttlMs?: number;
  /** Most results kept; the oldest are dropped first; default 50,000. */
  maxEntries?: number;
}

/** How often executions were shared; for the benchmark and diagnostics. */
export interface SharedExecutionStats {
  executions: number;
  reused: number;
}

/**
 * graphql's `subscribe` with the fan-out made cheap: for each event, the selection set is
 * executed once per distinct (document, operation, variables, actor) and the result object
 * is handed to every subscriber with the same key, instead of once per subscriber. The
 * `since` argument's variable is left out of the key (it decides which events arrive, not
 * what an event's payload looks like), so resumed subscribers share with live ones.
 * Results are cached by the payload's event id for `ttlMs`.
 *
 * It also calls the authorization seam once per subscription, and shapes errors raised
 * before the first event like HTTP does: domain errors keep their message and code,
 * anything else is masked (and logged).
 */
export function createSharedSubscribe(options: SharedSubscribeOptions): { subscribe: SubscribeFunction; stats: SharedExecutionStats } {
  const { authorize, logger } = options;
  const cache = new ResultCache(options.ttlMs ?? 10_000, options.maxEntries ?? 50_000);
  const stats: SharedExecutionStats = { executions: 0, reused: 0 };
  const printed = new WeakMap<DocumentNode, string>();

  const subscribe: SubscribeFunction = async (args) => {
    const operation = getOperationAST(args.document, args.operationName);
    if (!operation) return { errors: [new GraphQLError('Unable to identify operation')] };
    const context = args.contextValue as ApiContext;
    const variables = args.variableValues ?? {};
    const rootFields = operation.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : []));
    try {
      await authorize(context, { document: args.document, operationName: args.operationName ?? null, rootFields, variables });
    } catch (error) {
      return { errors: [clientError(error, logger)] };
    }

    const source = await createSourceEventStream(args);
    if (!isAsyncIterable(source)) return { ...source, errors: source.errors?.map((e) => clientError(e, logger)) };

    // Variables that only feed `since` do not change what a payload looks like.
    const sinceVariables = new Set<string>();
    for (const selection of operation.selectionSet.selections) {
      if (selection.kind !== Kind.FIELD) continue;
      for (const argument of selection.arguments ?? []) {
        if (argument.name.value === 'since' && argument.value.kind === Kind.VARIABLE) sinceVariables.add(argument.value.name.value);
      }
    }
    let text = printed.get(args.document);
    if (text === undefined) {
      text = print(args.document);
      printed.set(args.document, text);
    }
    const shared = Object.keys(variables)
      .filter((name) => !sinceVariables.has(name))
      .sort()
      .map((name) => [name, variables[name]]);
    const key = JSON.stringify([text, args.operationName ?? null, shared, context.actor]);

    const iterator = source[Symbol.asyncIterator]();
    const run = (payload: unknown): Promise<ExecutionResult> => {
      const exec = () => {
        stats.executions += 1;
        return Promise.resolve(execute({ ...args, rootValue: payload }));
      };
      const eventId = eventIdOf(payload);
      if (eventId === undefined) return exec();
      const { value, hit } = cache.getOrCreate(`${eventId}\u0000${key}`, exec);
      if (hit) stats.reused += 1;
      return value;
    };
    const stream: ResultStream = {
      [Symbol.asyncIterator]() {
        return stream;
      },
      async next() {
        try {
          const item = await iterator.next();
          if (item.done) return { value: undefined, done: true };
          return { value: await run(item.value), done: false };
        } catch (error) {
          throw clientError(error, logger);
        }
      },
      async return() {
        await iterator.return?.();
        return { value: undefined, done: true };
      },
      async throw(error: unknown) {
        await iterator.return?.();
        throw error;
      },
    };
    return stream;
  };
  return { subscribe, stats };
}

/** The `eventId` (subscription payload) or `id` (domain event) of a source payload. */
function eventIdOf(payload: unknown): string | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const record = payload as { eventId?: unknown; id?: unknown };
  const id = record.eventId ?? record.id;
  return typeof id === 'string' ? id : undefined;
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/** What a client may see of an error raised while opening or running a subscription. */
function clientError(error: unknown, logger: Logger): GraphQLError {
  const original = error instanceof GraphQLError && error.originalError ? error.originalError : error;
  if (original instanceof DomainError) {
    return new GraphQLError(original.message, {
      path: error instanceof GraphQLError ? error.path : undefined,
      originalError: original, // so the transports' error formatter keeps the code and details
      extensions: { ...original.details, code: original.code },
    });
  }
  if (error instanceof GraphQLError && error.originalError === undefined) return error; // GraphQL's own (validation, coercion)
  logger.error({ err: original }, 'unexpected error in a subscription');
  // No extensions: the transports' formatter adds INTERNAL_SERVER_ERROR without logging it a second time.
  return new GraphQLError('Internal server error');
}

/** Results by key, promise-valued so concurrent subscribers of one event share one execution. */
class ResultCache {
  private readonly entries = new Map<string, { value: Promise<ExecutionResult>; at: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
  ) {}

  getOrCreate(key: string, create: () => Promise<ExecutionResult>): { value: Promise<ExecutionResult>; hit: boolean } {
    const now = Date.now();
    const found = this.entries.get(key);
    if (found && now - found.at <= this.ttlMs) return { value: found.value, hit: true };
    const value = create();
    this.entries.set(key, { value, at: now });
    this.evict(now);
    return { value, hit: false };
  }

  private evict(now: number): void {
    // Map order is insertion order: the oldest entries come first.
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= this.maxEntries && now - entry.at <= this.ttlMs) break;
      this.entries.delete(key);
    }
  }
}
