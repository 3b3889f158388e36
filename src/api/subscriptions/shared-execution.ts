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
  type OperationDefinitionNode,
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
  /**
   * Called once per subscription when it is set up, with how long that took (authorization,
   * source stream, cursor check): `ok` when the stream is open, `error` when it was answered
   * with errors instead. For the request metrics.
   */
  observe?: (operation: OperationDefinitionNode, outcome: 'ok' | 'error', seconds: number) => void;
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
  const keys = new KeyIds();

  const subscribe: SubscribeFunction = async (args) => {
    const operation = getOperationAST(args.document, args.operationName);
    if (!operation) return { errors: [new GraphQLError('Unable to identify operation')] };
    const start = process.hrtime.bigint();
    const result = await open(args, operation);
    options.observe?.(operation, isAsyncIterable(result) ? 'ok' : 'error', Number(process.hrtime.bigint() - start) / 1e9);
    return result;
  };

  const open = async (args: ExecutionArgs, operation: OperationDefinitionNode): Promise<ResultStream | ExecutionResult> => {
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
    // The long key is interned once per subscription: per event, only (event id, small number) is looked up.
    const key = JSON.stringify([text, args.operationName ?? null, shared, context.actor]);
    const keyId = keys.acquire(key);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      keys.release(key);
    };

    const iterator = source[Symbol.asyncIterator]();
    const run = (payload: unknown): Promise<ExecutionResult> => {
      const exec = () => {
        stats.executions += 1;
        return Promise.resolve(execute({ ...args, rootValue: payload }));
      };
      const eventId = eventIdOf(payload);
      if (eventId === undefined) return exec();
      const { value, hit } = cache.getOrCreate(eventId, keyId, exec);
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
          if (item.done) {
            release();
            return { value: undefined, done: true };
          }
          return { value: await run(item.value), done: false };
        } catch (error) {
          release();
          throw clientError(error, logger);
        }
      },
      async return() {
        release();
        await iterator.return?.();
        return { value: undefined, done: true };
      },
      async throw(error: unknown) {
        release();
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

/** Small numbers for the long sharing keys of the open subscriptions (reference-counted). */
class KeyIds {
  private readonly ids = new Map<string, { id: number; refs: number }>();
  private next = 0;

  acquire(key: string): number {
    const found = this.ids.get(key);
    if (found) {
      found.refs += 1;
      return found.id;
    }
    this.next += 1;
    this.ids.set(key, { id: this.next, refs: 1 });
    return this.next;
  }

  release(key: string): void {
    const found = this.ids.get(key);
    if (found && --found.refs <= 0) this.ids.delete(key);
  }
}

/**
 * Results by event id, then by key id; promise-valued so concurrent subscribers of one
 * event share one execution. An event's results live `ttlMs` from its first execution;
 * at most `maxEntries` results are kept (the oldest events' dropped first).
 */
class ResultCache {
  private readonly byEvent = new Map<string, { at: number; results: Map<number, Promise<ExecutionResult>> }>();
  private size = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
  ) {}

  getOrCreate(eventId: string, keyId: number, create: () => Promise<ExecutionResult>): { value: Promise<ExecutionResult>; hit: boolean } {
    const now = Date.now();
    let bucket = this.byEvent.get(eventId);
    if (bucket && now - bucket.at > this.ttlMs) {
      this.drop(eventId, bucket);
      bucket = undefined;
    }
    if (bucket === undefined) {
      bucket = { at: now, results: new Map() };
      this.byEvent.set(eventId, bucket);
    }
    const found = bucket.results.get(keyId);
    if (found) return { value: found, hit: true };
    const value = create();
    bucket.results.set(keyId, value);
    this.size += 1;
    this.evict(now);
    return { value, hit: false };
  }

  private drop(eventId: string, bucket: { results: Map<number, unknown> }): void {
    this.byEvent.delete(eventId);
    this.size -= bucket.results.size;
  }

  private evict(now: number): void {
    // Map order is insertion order: the oldest events come first.
    for (const [eventId, bucket] of this.byEvent) {
      if (this.size <= this.maxEntries && now - bucket.at <= this.ttlMs) break;
      this.drop(eventId, bucket);
    }
  }
}
