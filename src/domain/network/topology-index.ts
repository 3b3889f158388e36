import type { AdjacencyRow, AdjacencyScope, EntitySummary, TraversalEdge, TraversalFilter, TraversalStep } from '../../graph/traversal.port';

/** An entity as the index holds it: what traversals filter on, its name (a visualisation's label), and its relationships both ways. */
interface IndexedNode {
  id: string;
  kind: string;
  category: string;
  name: string;
  out: IndexedEdge[];
  in: IndexedEdge[];
  /** Scratch: the node's row in the adjacency being built, -1 outside one. */
  row: number;
  /** A hub's outgoing relationships by target, built when first needed and kept up after. */
  outByTarget: Map<IndexedNode, IndexedEdge[]> | null;
}

/** Past this many outgoing relationships, edgesAmong looks a node's members up instead of scanning them all. */
const HUB_DEGREE = 256;

/** A relationship as the index holds it; validity as epoch milliseconds (±Infinity when open). */
interface IndexedEdge {
  id: string;
  type: string;
  from: IndexedNode;
  to: IndexedNode;
  validFrom: number;
  validTo: number;
  strength: number | null;
}

/** An entity row of a build or an event. */
export type EntityFacts = EntitySummary;

/** A relationship row of a build or an event (instants as ISO-8601 strings). */
export interface RelationshipFacts {
  id: string;
  type: string;
  fromId: string;
  toId: string;
  validFrom: string | null;
  validTo: string | null;
  strength: number | null;
}

/**
 * The relationship network between entities, held in memory: each entity with its kind,
 * category, name and relationships both ways, each relationship with its type, validity and
 * strength. Answers the GraphTraversal steps (frontier steps, levels, edges among a set,
 * adjacency) without a statement per call; the same filters as the Cypher in
 * `cypher/network/` (types, direction with symmetric types, kinds/categories with exempt
 * ends, activeAt: validFrom ≤ t < validTo).
 *
 * Writes are upserts by id and deletions, each idempotent, so replaying a change already
 * seen leaves the index as it was. IndexedTraversal keeps it exact (docs/network.md).
 */
export class TopologyIndex {
  private readonly nodes = new Map<string, IndexedNode>();
  private readonly edges = new Map<string, IndexedEdge>();

  get entityCount(): number {
    return this.nodes.size;
  }

  get relationshipCount(): number {
    return this.edges.size;
  }

  clear(): void {
    this.nodes.clear();
    this.edges.clear();
  }

  putEntity(facts: EntityFacts): void {
    const node = this.nodes.get(facts.id);
    if (node) {
      node.kind = facts.kind;
      node.category = facts.category;
      node.name = facts.name;
    } else {
      this.nodes.set(facts.id, { id: facts.id, kind: facts.kind, category: facts.category, name: facts.name, out: [], in: [], row: -1, outByTarget: null });
    }
  }

  /** The id, kind, category and name of each of `ids` that is indexed. */
  summaries(ids: readonly string[]): EntitySummary[] {
    const out: EntitySummary[] = [];
    for (const id of ids) {
      const node = this.nodes.get(id);
      if (node) out.push({ id, kind: node.kind, category: node.category, name: node.name });
    }
    return out;
  }

  /** Removes the entity and every relationship it has (a detach delete). */
  deleteEntity(id: string): void {
    const node = this.nodes.get(id);
    if (!node) return;
    for (const edge of [...node.out, ...node.in]) this.deleteRelationship(edge.id);
    this.nodes.delete(id);
  }

  /**
   * Adds or replaces a relationship. Both ends must be indexed: false when one is not (the
   * caller then knows the index misses an entity and must not be trusted).
   */
  putRelationship(facts: RelationshipFacts): boolean {
    const from = this.nodes.get(facts.fromId);
    const to = this.nodes.get(facts.toId);
    if (!from || !to) return false;
    const validFrom = facts.validFrom === null ? -Infinity : Date.parse(facts.validFrom);
    const validTo = facts.validTo === null ? Infinity : Date.parse(facts.validTo);
    const existing = this.edges.get(facts.id);
    if (existing && existing.from === from && existing.to === to && existing.type === facts.type) {
      existing.validFrom = validFrom;
      existing.validTo = validTo;
      existing.strength = facts.strength;
      return true;
    }
    // New, or moved to other ends or another type: replace it.
    if (existing) this.deleteRelationship(facts.id);
    const edge: IndexedEdge = { id: facts.id, type: facts.type, from, to, validFrom, validTo, strength: facts.strength };
    this.edges.set(facts.id, edge);
    from.out.push(edge);
    to.in.push(edge);
    if (from.outByTarget) addTo(from.outByTarget, to, edge);
    return true;
  }

  deleteRelationship(id: string): void {
    const edge = this.edges.get(id);
    if (!edge) return;
    this.edges.delete(id);
    remove(edge.from.out, edge);
    remove(edge.to.in, edge);
    const byTarget = edge.from.outByTarget?.get(edge.to);
    if (byTarget) {
      remove(byTarget, edge);
      if (byTarget.length === 0) edge.from.outByTarget?.delete(edge.to);
    }
  }

  /** Every relationship from a frontier entity to an entity not in `visited`, honouring `filter`. */
  step(frontier: readonly string[], visited: Readonly<Record<string, true>>, filter: TraversalFilter): TraversalStep[] {
    const rows: TraversalStep[] = [];
    this.expand(frontier, visited, filter, (nodeId, edge, outgoing, other) => {
      rows.push({ nodeId, otherId: other.id, relationshipId: edge.id, type: edge.type, outgoing, strength: edge.strength });
    });
    return rows;
  }

  /** The distinct entities one hop from the frontier and not in `visited`, in id order, at most `limit`. */
  level(frontier: readonly string[], visited: Readonly<Record<string, true>>, filter: TraversalFilter, limit: number): string[] {
    const reached = new Set<string>();
    this.expand(frontier, visited, filter, (_nodeId, _edge, _outgoing, other) => reached.add(other.id));
    return [...reached].sort(byCodePoint).slice(0, limit);
  }

  /** Calls `visit` for each relationship a step follows from the frontier to an entity not in `visited`. */
  private expand(
    frontier: readonly string[],
    visited: Readonly<Record<string, true>>,
    filter: TraversalFilter,
    visit: (nodeId: string, edge: IndexedEdge, outgoing: boolean, other: IndexedNode) => void,
  ): void {
    const follows = this.follower(filter);
    for (const nodeId of frontier) {
      const node = this.nodes.get(nodeId);
      if (!node) continue;
      for (const [edges, outgoing] of [[node.out, true], [node.in, false]] as const) {
        for (const edge of edges) {
          // A relationship to itself is one step, seen outgoing (as the Cypher pattern matches it once).
          if (!outgoing && edge.from === edge.to) continue;
          const other = outgoing ? edge.to : edge.from;
          if (visited[other.id] === undefined && follows(edge, outgoing, other)) visit(nodeId, edge, outgoing, other);
        }
      }
    }
  }

  /** The relationships among `ids` (each once, from its stored source) of the given types, valid at `activeAt`. */
  edgesAmong(ids: readonly string[], filter: Pick<TraversalFilter, 'types' | 'activeAt'>): TraversalEdge[] {
    const members = new Set<IndexedNode>();
    for (const id of ids) {
      const node = this.nodes.get(id);
      if (node) members.add(node);
    }
    const matches = this.edgeTest(filter.types, filter.activeAt);
    const out: TraversalEdge[] = [];
    const take = (edge: IndexedEdge) => {
      if (matches(edge)) out.push({ id: edge.id, type: edge.type, fromId: edge.from.id, toId: edge.to.id, strength: edge.strength });
    };
    for (const node of members) {
      if (node.out.length > HUB_DEGREE && node.out.length > members.size) {
        // A hub: look its members up rather than scan every relationship it has.
        const byTarget = this.outByTarget(node);
        for (const other of members) for (const edge of byTarget.get(other) ?? []) take(edge);
      } else {
        for (const edge of node.out) if (members.has(edge.to)) take(edge);
      }
    }
    return out;
  }

  private outByTarget(node: IndexedNode): Map<IndexedNode, IndexedEdge[]> {
    if (!node.outByTarget) {
      node.outByTarget = new Map();
      for (const edge of node.out) addTo(node.outByTarget, edge.to, edge);
    }
    return node.outByTarget;
  }

  /** Up to `limit` entities of the scope, each with its outgoing neighbours inside the rows (ids and row indexes). */
  adjacency(scope: AdjacencyScope, limit: number): AdjacencyRow[] {
    const chosen: IndexedNode[] = [];
    for (const node of this.nodes.values()) {
      if (chosen.length >= limit) break;
      if (scope.kinds !== null && !scope.kinds.includes(node.kind)) continue;
      if (scope.categories !== null && !scope.categories.includes(node.category)) continue;
      chosen.push(node);
    }
    return this.adjacencyRows(chosen, scope);
  }

  /** The same for the given entities (unknown ids left out). */
  adjacencyOf(ids: readonly string[], scope: Pick<AdjacencyScope, 'types' | 'activeAt'>): AdjacencyRow[] {
    const chosen: IndexedNode[] = [];
    const seen = new Set<string>();
    for (const id of ids) {
      const node = this.nodes.get(id);
      if (node && !seen.has(id)) {
        seen.add(id);
        chosen.push(node);
      }
    }
    return this.adjacencyRows(chosen, scope);
  }

  private adjacencyRows(chosen: readonly IndexedNode[], scope: Pick<AdjacencyScope, 'types' | 'activeAt'>): AdjacencyRow[] {
    chosen.forEach((node, index) => (node.row = index));
    try {
      const matches = scope.types === null && scope.activeAt === null ? null : this.edgeTest(scope.types, scope.activeAt);
      return chosen.map((node) => {
        const out: string[] = [];
        const outRows: number[] = [];
        for (const edge of node.out) {
          const index = edge.to.row;
          if (index < 0 || (matches !== null && !matches(edge))) continue;
          out.push(edge.to.id);
          outRows.push(index);
        }
        return { id: node.id, out, outRows };
      });
    } finally {
      for (const node of chosen) node.row = -1;
    }
  }

  /** Whether a step follows `edge` from the frontier (seen `outgoing` from it) to `other`. */
  private follower(filter: TraversalFilter): (edge: IndexedEdge, outgoing: boolean, other: IndexedNode) => boolean {
    const matches = this.edgeTest(filter.types, filter.activeAt);
    const symmetric = new Set(filter.symmetricTypes);
    const kinds = filter.kinds === null ? null : new Set(filter.kinds);
    const categories = filter.categories === null ? null : new Set(filter.categories);
    const { direction, ends } = filter;
    return (edge, outgoing, other) => {
      if (direction !== 'BOTH' && outgoing !== (direction === 'OUTGOING') && !symmetric.has(edge.type)) return false;
      if (ends[other.id] === undefined) {
        if (kinds !== null && !kinds.has(other.kind)) return false;
        if (categories !== null && !categories.has(other.category)) return false;
      }
      return matches(edge);
    };
  }

  private edgeTest(types: readonly string[] | null, activeAt: string | null): (edge: IndexedEdge) => boolean {
    const typeSet = types === null ? null : new Set(types);
    const at = activeAt === null ? null : Date.parse(activeAt);
    return (edge) => (typeSet === null || typeSet.has(edge.type)) && (at === null || (edge.validFrom <= at && at < edge.validTo));
  }
}

function addTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function remove<T>(list: T[], item: T): void {
  const at = list.indexOf(item);
  if (at >= 0) list.splice(at, 1);
}

/** Code-point order, as Cypher's ORDER BY sorts strings. */
function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
