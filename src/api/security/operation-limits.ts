import {
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  isInterfaceType,
  isUnionType,
  Kind,
  parse,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLError,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
  visit,
} from 'graphql';
import { SecurityCode, securityError } from './security-error';

/** Bounds on one GraphQL operation, on every transport. */
export interface QueryLimits {
  /** Deepest field nesting (introspection fields not counted). */
  maxDepth: number;
  /** Most aliased fields in one document. */
  maxAliases: number;
  /** Most directives in one document. */
  maxDirectives: number;
  /** Most lexical tokens in one document (enforced by the parser). */
  maxTokens: number;
  /** Highest estimated cost (see `estimateCost`). */
  maxCost: number;
  /** Size assumed for a list field without `first`/`last`/`maxNodes`/`limit`/`top`. */
  defaultListSize: number;
}

/** Arguments that bound how many items a list field returns. */
const SIZE_ARGUMENTS = ['first', 'last', 'maxNodes', 'limit', 'top'];

/**
 * Parses with the token limit (graphql's own `maxTokens`), for transports that do not.
 * @returns the document, or the error to send (code QUERY_LIMIT_EXCEEDED for too many tokens).
 */
export function parseWithinLimits(query: string, limits: QueryLimits): DocumentNode | GraphQLError {
  try {
    return parse(query, { maxTokens: limits.maxTokens });
  } catch (error) {
    const message = (error as Error).message;
    if (/more tha[nt] \d+ tokens/.test(message)) return tokenLimitError(limits.maxTokens);
    return error as GraphQLError;
  }
}

/** The refusal for a document over the token limit. */
export function tokenLimitError(max: number): GraphQLError {
  return securityError(`The document has more than ${max} tokens`, SecurityCode.QUERY_LIMIT_EXCEEDED, { limit: 'tokens', max });
}

/** What a passed document's checks found that does not depend on the request's variables. */
interface PassedChecks {
  schema: GraphQLSchema;
  limits: QueryLimits;
  /** The operation and its fragments when a size argument is a variable, so the cost is counted again for each request; else null. */
  costVaries: OperationParts | null;
}

/** An operation of a document, with the document's fragments by name. */
interface OperationParts {
  operation: OperationDefinitionNode;
  fragments: Map<string, FragmentDefinitionNode>;
}

/**
 * Documents that passed the checks, by operation name: Apollo hands the same parsed document
 * to every request with the same query text, so the walk runs once per text, not per request.
 * Refusals are not kept (each request gets its own error).
 */
const passed = new WeakMap<DocumentNode, Map<string, PassedChecks>>();

/**
 * Checks depth, aliases, directives and cost of the operation `operationName` of
 * `document`, with the request's variables (so `first: $n` costs what `$n` asks).
 * What passed is remembered per document object (see `passed`).
 * @returns the first limit exceeded, or undefined.
 */
export function checkOperationLimits(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Readonly<Record<string, unknown>> | null | undefined,
  limits: QueryLimits,
): GraphQLError | undefined {
  const key = operationName ?? '';
  const known = passed.get(document)?.get(key);
  if (known !== undefined && known.schema === schema && known.limits === limits) {
    return known.costVaries ? checkCost(schema, known.costVaries, variables, limits) : undefined;
  }
  let aliases = 0;
  let directives = 0;
  let sizeVariables = false;
  visit(document, {
    Field(node) {
      if (node.alias) aliases += 1;
      if (node.arguments?.some((arg) => arg.value.kind === Kind.VARIABLE && SIZE_ARGUMENTS.includes(arg.name.value))) sizeVariables = true;
    },
    Directive() {
      directives += 1;
    },
  });
  if (aliases > limits.maxAliases) return exceeded('aliases', limits.maxAliases, aliases, `The document uses ${aliases} aliases; at most ${limits.maxAliases} are allowed`);
  if (directives > limits.maxDirectives) return exceeded('directives', limits.maxDirectives, directives, `The document uses ${directives} directives; at most ${limits.maxDirectives} are allowed`);

  const { operation, fragments } = operationOf(document, operationName);
  if (!operation) return undefined; // graphql reports the missing operation itself

  const depth = measureDepth(operation.selectionSet, fragments, new Set(), limits.maxDepth + 1);
  if (depth > limits.maxDepth) return exceeded('depth', limits.maxDepth, depth, `The operation is nested more than ${limits.maxDepth} levels deep`);

  const refusal = checkCost(schema, { operation, fragments }, variables, limits);
  if (refusal) return refusal;
  let byName = passed.get(document);
  if (!byName) passed.set(document, (byName = new Map<string, PassedChecks>()));
  // Without variable page sizes the cost just counted holds for every request.
  byName.set(key, { schema, limits, costVaries: sizeVariables ? { operation, fragments } : null });
  return undefined;
}

function operationOf(document: DocumentNode, operationName: string | null | undefined): { operation: OperationDefinitionNode | undefined; fragments: Map<string, FragmentDefinitionNode> } {
  const fragments = new Map<string, FragmentDefinitionNode>();
  const operations: OperationDefinitionNode[] = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    if (definition.kind === Kind.OPERATION_DEFINITION) operations.push(definition);
  }
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  return { operation, fragments };
}

/** The cost check alone (see estimateCost). */
function checkCost(
  schema: GraphQLSchema,
  { operation, fragments }: OperationParts,
  variables: Readonly<Record<string, unknown>> | null | undefined,
  limits: QueryLimits,
): GraphQLError | undefined {
  const root = schema.getRootType(operation.operation);
  const cost = estimateCost(schema, operation.selectionSet, root ?? undefined, fragments, variables ?? {}, limits.defaultListSize, new Set(), limits.maxCost + 1, undefined, true);
  if (cost > limits.maxCost) return exceeded('cost', limits.maxCost, Math.round(cost), `The operation's estimated cost exceeds ${limits.maxCost} (ask for smaller pages or fewer nested lists)`);
  return undefined;
}

function exceeded(limit: string, max: number, actual: number, message: string): GraphQLError {
  return securityError(message, SecurityCode.QUERY_LIMIT_EXCEEDED, { limit, max, actual });
}

/** Deepest field nesting; stops counting past `cap`. Fragment cycles are graphql's to report. */
function measureDepth(set: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, visiting: Set<string>, cap: number): number {
  let deepest = 0;
  for (const selection of set.selections) {
    let depth = 0;
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith('__')) continue;
      depth = 1 + (selection.selectionSet && cap > 1 ? measureDepth(selection.selectionSet, fragments, visiting, cap - 1) : 0);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      depth = measureDepth(selection.selectionSet, fragments, visiting, cap);
    } else {
      const name = selection.name.value;
      const fragment = fragments.get(name);
      if (!fragment || visiting.has(name)) continue;
      visiting.add(name);
      depth = measureDepth(fragment.selectionSet, fragments, visiting, cap);
      visiting.delete(name);
    }
    deepest = Math.max(deepest, depth);
    if (deepest >= cap) return deepest;
  }
  return deepest;
}

/**
 * Estimated cost: about how many objects the operation may return. Each item of a list
 * costs 1 plus its selections, the list holding as many items as its own
 * `first`/`last`/`maxNodes`/`limit`/`top` says, else the size argument of the field just
 * above it (a connection's `first` sizes its `edges`; `neighbourhood(maxNodes)` its
 * `nodes`), else `defaultListSize`. A root field costs 1; other single objects (an edge's
 * `node`) ride on their parent for free; scalars are free (the token limit bounds them).
 * Stops counting past `cap`.
 */
function estimateCost(
  schema: GraphQLSchema,
  set: SelectionSetNode,
  parent: GraphQLOutputType | undefined,
  fragments: Map<string, FragmentDefinitionNode>,
  variables: Readonly<Record<string, unknown>>,
  defaultListSize: number,
  visiting: Set<string>,
  cap: number,
  pendingSize?: number,
  atRoot = false,
): number {
  let total = 0;
  const named = parent ? getNamedType(parent) : undefined;
  const typeNamed = (name: string | undefined): GraphQLOutputType | undefined => {
    const type = name ? schema.getType(name) : undefined;
    return type && (isObjectType(type) || isInterfaceType(type) || isUnionType(type)) ? type : parent;
  };
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      const name = selection.name.value;
      if (name.startsWith('__') || !selection.selectionSet) continue;
      const field = named && (isObjectType(named) || isInterfaceType(named)) ? named.getFields()[name] : undefined;
      const size = sizeArgument(selection.arguments ?? [], variables);
      const isList = field !== undefined && isListType(getNullableType(field.type));
      const isConnection = field !== undefined && getNamedType(field.type).name.endsWith('Connection');
      const multiplier = isList ? (size ?? pendingSize ?? defaultListSize) : 1;
      const childPending = isList ? undefined : (size ?? (isConnection ? defaultListSize : undefined));
      const child = estimateCost(schema, selection.selectionSet, field?.type, fragments, variables, defaultListSize, visiting, cap, childPending);
      total += isList ? multiplier * (1 + child) : (atRoot ? 1 : 0) + child;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      total += estimateCost(schema, selection.selectionSet, typeNamed(selection.typeCondition?.name.value), fragments, variables, defaultListSize, visiting, cap, pendingSize, atRoot);
    } else {
      const fragmentName = selection.name.value;
      const fragment = fragments.get(fragmentName);
      if (!fragment || visiting.has(fragmentName)) continue;
      visiting.add(fragmentName);
      total += estimateCost(schema, fragment.selectionSet, typeNamed(fragment.typeCondition.name.value), fragments, variables, defaultListSize, visiting, cap, pendingSize, atRoot);
      visiting.delete(fragmentName);
    }
    if (total > cap) return total;
  }
  return total;
}

/** The largest page-size argument of a field, from a literal or a variable; undefined when none is given. */
function sizeArgument(args: readonly { name: { value: string }; value: ValueNode }[], variables: Readonly<Record<string, unknown>>): number | undefined {
  let size: number | undefined;
  for (const arg of args) {
    if (!SIZE_ARGUMENTS.includes(arg.name.value)) continue;
    let value: unknown;
    if (arg.value.kind === Kind.INT) value = Number(arg.value.value);
    else if (arg.value.kind === Kind.VARIABLE) value = variables[arg.value.name.value];
    if (typeof value === 'number' && Number.isFinite(value)) size = Math.max(size ?? 0, Math.max(1, value));
  }
  return size;
}
