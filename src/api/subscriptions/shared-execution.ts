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
import type { EventSink, PendingDelivery } from '../../events/event-subscription';
import type { Logger } from '../../logger';
import type { ApiContext } from '../context';
import type { SubscriptionAuthorizer } from './authorize-subscription';

/**
 * Where a stream in push mode hands its results: `next` in order (a returned promise
 * holds back the next result; results meanwhile wait in the subscriber's event buffer),
 * then `end` once: without an error when the stream was returned, with the client error
 * that ended it otherwise (too slow, cursor expired, …).
 */
export interface ResultSink {
  next(result: ExecutionResult): void | PendingDelivery;
  end(error?: GraphQLError): void;
}

/** A subscription's results; `return()` ends it at once (graphql-ws and graphql-sse call it on complete/close). */
export interface ResultStream extends AsyncIterableIterator<ExecutionResult> {
  return(): Promise<IteratorResult<ExecutionResult>>;
  throw(error: unknown): Promise<IteratorResult<ExecutionResult>>;
  /**
   * Present when the source is an event subscription (every subscription of this schema):
   * push mode instead of `next()`. Results whose execution is already cached reach the sink
   * synchronously from the feed's dispatch, without a promise per delivery (the WebSocket
   * fan-out, shared-payload-ws.ts). Call at most once, and then not `next()`.
   */
  consume?(sink: ResultSink): void;
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
  /** The push-mode subscribers waiting for each pending execution. */
  const waiting = new WeakMap<Promise<ExecutionResult>, WaitingForResult>();
  const waitFor = (execution: Promise<ExecutionResult>): WaitingForResult => {
    let found = waiting.get(execution);
    if (found === undefined) {
      found = new WaitingForResult(execution);
      waiting.set(execution, found);
    }
    return found;
  };

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
    // The result itself when it is known (an execution without asynchronous resolvers, or a settled one), else its promise.
    const run = (payload: unknown): ExecutionResult | Promise<ExecutionResult> => {
      const exec = () => {
        stats.executions += 1;
        return execute({ ...args, rootValue: payload });
      };
      const eventId = eventIdOf(payload);
      if (eventId === undefined) return Promise.resolve(exec());
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
    const events = pushable(source);
    if (events) {
      stream.consume = (sink) => {
        let ended = false;
        const deliver = (result: ExecutionResult) => (ended ? undefined : sink.next(result));
        events.consume({
          next: (event) => {
            const result = run(event);
            // Executing is asynchronous (type-graphql's resolvers): the subscribers of this key
            // wait for it together and get the result in one loop when it settles.
            return isPromiseLike(result) ? waitFor(result).add(deliver) : sink.next(result);
          },
          end: (error) => {
            ended = true;
            release();
            // Ends the wrappers around the source too (the security layer's active-subscriptions gauge).
            iterator.return?.().then(undefined, () => undefined);
            sink.end(error === undefined ? undefined : clientError(error, logger));
          },
        });
      };
    }
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

function isPromiseLike<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown }).then === 'function';
}

/** The source's push mode, when it has one (an event subscription, through the security layer's count wrapper). */
function pushable(source: object): { consume(sink: EventSink): void } | undefined {
  const consume = (source as { consume?: unknown }).consume;
  return typeof consume === 'function' ? (source as { consume(sink: EventSink): void }) : undefined;
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

type Outcome = { result: ExecutionResult } | { error: unknown };

/**
 * The push-mode subscribers waiting for one pending execution. When it settles, one
 * callback hands the result to each of them in a loop — instead of a promise, a closure
 * and two microtasks per subscriber, at 10,000 subscribers per event.
 */
class WaitingForResult {
  private waiting: WaitingDelivery[] = [];
  private outcome: Outcome | undefined;

  constructor(execution: Promise<ExecutionResult>) {
    execution.then(
      (result) => this.settle({ result }),
      (error: unknown) => this.settle({ error }),
    );
  }

  add(deliver: (result: ExecutionResult) => void | PendingDelivery): PendingDelivery {
    const delivery = new WaitingDelivery(deliver);
    if (this.outcome) delivery.settle(this.outcome);
    else this.waiting.push(delivery);
    return delivery;
  }

  private settle(outcome: Outcome): void {
    this.outcome = outcome;
    const waiting = this.waiting;
    this.waiting = [];
    for (const delivery of waiting) delivery.settle(outcome);
  }
}

/** One subscriber's delivery of a pending execution's result (a PendingDelivery without a promise). */
class WaitingDelivery implements PendingDelivery {
  private outcome: Outcome | undefined;
  private onDelivered: (() => void) | undefined;
  private onFailed: ((error: unknown) => void) | undefined;

  constructor(private readonly deliver: (result: ExecutionResult) => void | PendingDelivery) {}

  then(onDelivered: () => void, onFailed: (error: unknown) => void): void {
    this.onDelivered = onDelivered;
    this.onFailed = onFailed;
    if (this.outcome) this.run(this.outcome, onDelivered, onFailed);
  }

  settle(outcome: Outcome): void {
    this.outcome = outcome;
    if (this.onDelivered && this.onFailed) this.run(outcome, this.onDelivered, this.onFailed);
  }

  private run(outcome: Outcome, onDelivered: () => void, onFailed: (error: unknown) => void): void {
    if ('error' in outcome) {
      onFailed(outcome.error);
      return;
    }
    let pending: void | PendingDelivery;
    try {
      pending = this.deliver(outcome.result);
    } catch (error) {
      onFailed(error);
      return;
    }
    if (pending) pending.then(onDelivered, onFailed);
    else onDelivered();
  }
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

type Cached = ExecutionResult | Promise<ExecutionResult>;

/**
 * Results by event id, then by key id; a pending execution is cached as its promise so
 * concurrent subscribers of one event share it, and replaced by its result once it
 * settles (later subscribers then get it synchronously). An event's results live `ttlMs`
 * from its first execution; at most `maxEntries` results are kept (the oldest events'
 * dropped first).
 */
class ResultCache {
  private readonly byEvent = new Map<string, { at: number; results: Map<number, Cached> }>();
  private size = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
  ) {}

  getOrCreate(eventId: string, keyId: number, create: () => Cached): { value: Cached; hit: boolean } {
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
    if (isPromiseLike(value)) {
      const results = bucket.results;
      value.then(
        (result) => {
          if (results.get(keyId) === value) results.set(keyId, result);
        },
        () => undefined, // the subscribers awaiting it get the rejection
      );
    }
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
