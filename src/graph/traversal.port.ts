/**
 * An optional engine capability: the expansion steps of network traversals (neighbourhoods,
 * path searches) and the adjacency projection of analytics. Two implementations give the
 * same answers: `CypherTraversal` (portable Cypher from `cypher/network/` and
 * `cypher/analytics/`, any engine) and `GrafeoTraversal` (Grafeo's native adjacency API,
 * no query planning). `traversalFor(engine)` picks the native one where it exists.
 *
 * Every call reads committed data: a write committed before the call is seen.
 */
export type TraversalDirection = 'OUTGOING' | 'INCOMING' | 'BOTH';

/** Which relationships and entities a step follows. */
export interface TraversalFilter {
  /** Only relationships of these types (null: any). */
  types: readonly string[] | null;
  /** Only relationships valid at this normalised ISO-8601 instant (null: any). */
  activeAt: string | null;
  /** Relative to the frontier entity; `symmetricTypes` are followed either way. */
  direction: TraversalDirection;
  symmetricTypes: readonly string[];
  /** Only reach entities of these kinds / categories (null: any)… */
  kinds: readonly string[] | null;
  categories: readonly string[] | null;
  /** …except these, reached whatever they are (the ends of a path; empty for a neighbourhood). */
  ends: Readonly<Record<string, true>>;
}

/** One relationship from a frontier entity, seen from that entity. */
export interface TraversalStep extends Record<string, unknown> {
  nodeId: string;
  otherId: string;
  relationshipId: string;
  type: string;
  /** True when `nodeId` is the stored source. */
  outgoing: boolean;
  strength: number | null;
}

/** A relationship with its stored ends. */
export interface TraversalEdge extends Record<string, unknown> {
  id: string;
  type: string;
  fromId: string;
  toId: string;
  strength: number | null;
}

/** An entity with the ids at the end of its outgoing relationships (analytics). */
export interface AdjacencyRow extends Record<string, unknown> {
  id: string;
  out: string[];
  /**
   * The same neighbours as indexes into the returned rows, when the implementation has them
   * for free (native); then the rows' ids are distinct and neighbours outside the rows are left out.
   */
  outRows?: number[];
}

/** What a visualisation labels an entity with, without loading its properties. */
export interface EntitySummary extends Record<string, unknown> {
  id: string;
  kind: string;
  category: string;
  name: string;
}

/** Which part of the graph an adjacency projection covers. */
export interface AdjacencyScope {
  kinds: readonly string[] | null;
  categories: readonly string[] | null;
  types: readonly string[] | null;
  activeAt: string | null;
}

export interface GraphTraversal {
  /** `cypher`, `grafeo-native` or `indexed` (the in-memory topology index): which path answers (logs, docs, benchmarks). */
  readonly mode: 'cypher' | 'grafeo-native' | 'indexed';
  /**
   * Every relationship from a frontier entity to an entity not in `visited`, honouring `filter`
   * (order unspecified). `withStrength` false lets an implementation leave `strength` null.
   */
  step(frontier: readonly string[], visited: Readonly<Record<string, true>>, filter: TraversalFilter, withStrength?: boolean): Promise<TraversalStep[]>;
  /** The distinct entities one hop from the frontier and not in `visited`, in id order, at most `limit`. */
  level(frontier: readonly string[], visited: Readonly<Record<string, true>>, filter: TraversalFilter, limit: number): Promise<string[]>;
  /** The relationships among `ids` (each once, from its stored source) of the given types, valid at `activeAt`. */
  edgesAmong(ids: readonly string[], filter: Pick<TraversalFilter, 'types' | 'activeAt'>): Promise<TraversalEdge[]>;
  /** Up to `limit` entities of the scope, each with its outgoing neighbours (any node; the caller drops those outside). */
  adjacency(scope: AdjacencyScope, limit: number): Promise<AdjacencyRow[]>;
  /** The same for the given entities. */
  adjacencyOf(ids: readonly string[], scope: Pick<AdjacencyScope, 'types' | 'activeAt'>): Promise<AdjacencyRow[]>;
  /** The id, kind, category and name of each of `ids` that exists (order unspecified). */
  summaries(ids: readonly string[]): Promise<EntitySummary[]>;
}
