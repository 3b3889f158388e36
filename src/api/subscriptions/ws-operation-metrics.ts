import { execute, getOperationAST, GraphQLError, parse, validate, type DocumentNode, type ExecutionArgs, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import type { ServerOptions } from 'graphql-ws';
import type { Extra } from 'graphql-ws/use/ws';

/** Where an operation over a long-lived transport ended up (the request metrics' `outcome`). */
export type OperationOutcome = 'ok' | 'error' | 'refused';

/** Records one operation in the request metrics; `operation` is undefined when it could not be parsed. */
export type ObserveOperation = (operation: OperationDefinitionNode | undefined, outcome: OperationOutcome, seconds: number) => void;

type WsOptions = ServerOptions<Record<string, unknown> | undefined, Extra>;

/** Largest document parsed only to name a refused operation in the metrics. */
const LABEL_MAX_TOKENS = 5_000;

/**
 * graphql-ws's parse-and-validate step as an `onSubscribe` hook (the step graphql-ws's core
 * runs itself when `onSubscribe` returns nothing), so that validation refusals are counted
 * as `refused`, like HTTP's 400s. Returns the execution args or the validation errors.
 */
export function validatingOnSubscribe(schema: GraphQLSchema, observe: ObserveOperation, counted: WeakSet<object>): NonNullable<WsOptions['onSubscribe']> {
  return (_ctx, _id, payload) => {
    const start = process.hrtime.bigint();
    let document: DocumentNode;
    try {
      document = parse(payload.query);
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      return refuse([error], undefined, start, observe, counted);
    }
    const errors = validate(schema, document);
    if (errors.length > 0) return refuse(errors, getOperationAST(document, payload.operationName) ?? undefined, start, observe, counted);
    return { schema, document, operationName: payload.operationName, variableValues: payload.variables } satisfies ExecutionArgs;
  };
}

/**
 * Counts the operations of a graphql-ws server (options as the security layer returns
 * them) in the request metrics: refusals of `onSubscribe` (rate, limits, validation) as
 * `refused`; queries and mutations over the socket as `ok`/`error`. Subscriptions are
 * counted by the shared subscribe (shared-execution.ts `observe`), for both transports.
 */
export function countWebSocketOperations(options: WsOptions, observe: ObserveOperation, counted: WeakSet<object>): WsOptions {
  return {
    ...options,
    onSubscribe: async (ctx, id, payload) => {
      const start = process.hrtime.bigint();
      const result = await options.onSubscribe?.(ctx, id, payload);
      if (Array.isArray(result) && !counted.has(result)) observe(labelOf(payload.query, payload.operationName), 'refused', secondsSince(start));
      return result;
    },
    execute: async (args) => {
      const start = process.hrtime.bigint();
      const operation = getOperationAST(args.document, args.operationName) ?? undefined;
      try {
        const result = await execute(args);
        observe(operation, result.errors?.length ? 'error' : 'ok', secondsSince(start));
        return result;
      } catch (error) {
        observe(operation, 'error', secondsSince(start));
        throw error;
      }
    },
  };
}

function refuse(errors: readonly GraphQLError[], operation: OperationDefinitionNode | undefined, start: bigint, observe: ObserveOperation, counted: WeakSet<object>): readonly GraphQLError[] {
  observe(operation, 'refused', secondsSince(start));
  counted.add(errors);
  return errors;
}

/** The operation of a refused document, when it parses (bounded: it may have been refused for its size). */
function labelOf(query: string, operationName: string | null | undefined): OperationDefinitionNode | undefined {
  try {
    return getOperationAST(parse(query, { maxTokens: LABEL_MAX_TOKENS }), operationName) ?? undefined;
  } catch {
    return undefined;
  }
}

function secondsSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}
