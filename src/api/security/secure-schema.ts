import { defaultFieldResolver, isNonNullType, type GraphQLField, type GraphQLSchema } from 'graphql';
import { authorizeRootField, type OperationKind, type Principal, type Role } from '../../auth';
import { ForbiddenError } from '../../domain/errors';
import { QueryDeadlines } from './query-deadlines';

/** What the wrapped resolvers need from the context. */
interface SecuredContext {
  principal: Principal;
}

/** Fields hidden from some roles: `Type.field` names, e.g. `Touchpoint.summary`. */
export interface FieldRules {
  /** Roles that see counts only: the listed fields resolve to null for them. */
  countsOnlyRoles: readonly Role[];
  countsOnlyFields: readonly string[];
}

export interface SecureSchemaOptions {
  fieldRules: FieldRules;
  /** Longest a query (not a mutation: its write would go on) may run, in ms; 0 = no limit. */
  queryTimeoutMs: number;
  /** Called when a subscription starts (+1) and ends (−1), for the active-subscriptions gauge. */
  onSubscriptionCount?: (delta: 1 | -1) => void;
}

/**
 * Puts the authorization rules into the executable schema, so they hold on every
 * transport (HTTP, graphql-ws, SSE) and for every resolver, present and future:
 * - each root field checks the principal's role (src/auth/operation-roles.ts) before it
 *   runs; a subscription checks on subscribe and again on every event (an expired token ends it);
 * - query root fields are bounded by `queryTimeoutMs` per operation;
 * - counts-only fields resolve to null for the configured roles.
 * Mutates `schema`'s field resolvers in place and returns it.
 */
export function secureSchema(schema: GraphQLSchema, options: SecureSchemaOptions): GraphQLSchema {
  const roots: [OperationKind, ReturnType<GraphQLSchema['getQueryType']>][] = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
    ['subscription', schema.getSubscriptionType()],
  ];
  const deadlines: Deadlines = { timeoutMs: options.queryTimeoutMs, waiting: options.queryTimeoutMs > 0 ? new QueryDeadlines(options.queryTimeoutMs) : undefined, frozen: new WeakMap() };
  for (const [kind, type] of roots) {
    if (!type) continue;
    for (const field of Object.values(type.getFields())) {
      guardRootField(kind, field as GraphQLField<unknown, SecuredContext>, options, deadlines);
    }
  }
  const hiddenFor = new Set(options.fieldRules.countsOnlyRoles);
  if (hiddenFor.size > 0) {
    for (const name of options.fieldRules.countsOnlyFields) {
      const [typeName, fieldName] = name.split('.');
      const type = typeName ? schema.getType(typeName) : undefined;
      const field = type && 'getFields' in type && fieldName ? (type.getFields() as Record<string, GraphQLField<unknown, SecuredContext>>)[fieldName] : undefined;
      if (!field) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      const nonNull = isNonNullType(field.type);
      field.resolve = (source, args, context: SecuredContext, info) => {
        if (hiddenFor.has(context.principal.role)) {
          if (nonNull) throw new ForbiddenError(`"${name}" is not shown to the ${context.principal.role} role`);
          return null;
        }
        return resolve(source, args, context, info);
      };
    }
  }
  return schema;
}

/** Where an operation's deadline is kept on its context, set by its first bounded root field (a property: cheaper than a WeakMap entry per request). */
const DEADLINE = Symbol('xrm.queryDeadline');

/** The query timeout of a secured schema: one queue of deadlines for all its query root fields. */
interface Deadlines {
  timeoutMs: number;
  waiting: QueryDeadlines | undefined;
  /** Deadlines of contexts that cannot take the DEADLINE property. */
  frozen: WeakMap<object, number>;
}

function guardRootField(kind: OperationKind, field: GraphQLField<unknown, SecuredContext>, options: SecureSchemaOptions, deadlines: Deadlines): void {
  const resolve = field.resolve ?? defaultFieldResolver;
  const waiting = kind === 'query' ? deadlines.waiting : undefined;
  field.resolve = (source, args, context: SecuredContext, info) => {
    authorizeRootField(context.principal, kind, field.name);
    if (waiting === undefined) return resolve(source, args, context, info);
    const deadline = deadlineOf(context, deadlines.timeoutMs, deadlines.frozen);
    const result: unknown = resolve(source, args, context, info);
    // A value already there cannot be late.
    return isPromiseLike(result) ? waiting.bound(result, deadline) : result;
  };
  const subscribe = field.subscribe;
  if (subscribe) {
    field.subscribe = async (source, args, context: SecuredContext, info) => {
      authorizeRootField(context.principal, kind, field.name);
      const result: unknown = await subscribe(source, args, context, info);
      return isAsyncIterator(result) ? counted(result, options.onSubscriptionCount) : result;
    };
  }
}

/** The operation's deadline: now + `timeoutMs` for its first root field, the same for the others. */
function deadlineOf(context: SecuredContext, timeoutMs: number, frozen: WeakMap<object, number>): number {
  const holder = context as { [DEADLINE]?: number };
  const held = holder[DEADLINE];
  if (held !== undefined) return held;
  if (Object.isExtensible(context)) return (holder[DEADLINE] = Date.now() + timeoutMs);
  let deadline = frozen.get(context);
  if (deadline === undefined) frozen.set(context, (deadline = Date.now() + timeoutMs));
  return deadline;
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === 'function';
}

function isAsyncIterator(value: unknown): value is AsyncIterator<unknown> & AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value && 'next' in value;
}

/** The iterator, reporting +1 now and −1 once when it ends or is closed. */
function counted<T>(iterator: AsyncIterator<T> & AsyncIterable<T>, onCount: ((delta: 1 | -1) => void) | undefined): AsyncIterator<T> & AsyncIterable<T> {
  if (!onCount) return iterator;
  onCount(1);
  let ended = false;
  const end = () => {
    if (!ended) {
      ended = true;
      onCount(-1);
    }
  };
  const wrapped: AsyncIterator<T> & AsyncIterable<T> = {
    [Symbol.asyncIterator]: () => wrapped,
    next: async (...args: [] | [undefined]) => {
      try {
        const item = await iterator.next(...args);
        if (item.done) end();
        return item;
      } catch (error) {
        end();
        throw error;
      }
    },
    return: async (value?: unknown) => {
      end();
      return iterator.return ? iterator.return(value) : { done: true, value: undefined as never };
    },
    throw: async (error?: unknown) => {
      end();
      if (iterator.throw) return iterator.throw(error);
      throw error;
    },
  };
  if (isPushable(iterator)) {
    // Push mode (event subscriptions, the WebSocket fan-out) passes through; its end counts as the iterator's.
    (wrapped as AsyncIterator<T> & AsyncIterable<T> & Pushable).consume = (sink) =>
      iterator.consume({
        next: (item) => sink.next(item),
        end: (error) => {
          end();
          sink.end(error);
        },
      });
  }
  return wrapped;
}

/** A stream's push mode (EventSubscription.consume, src/events/event-subscription.ts), which the count wrapper passes through. */
interface Pushable {
  consume(sink: { next(item: unknown): unknown; end(error?: Error): void }): void;
}

function isPushable(value: object): value is Pushable {
  return typeof (value as Partial<Pushable>).consume === 'function';
}
