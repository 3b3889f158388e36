/**
 * Path algorithms on what the level-by-level Cypher expansion returns. No I/O: the
 * network service fetches one level per engine call and these functions do the rest.
 */
import type { TraversalStep } from '../../graph/traversal.port';
import { PathEdgeDirection, type GraphPath, type PathEdge } from './network.model';

/** One relationship seen from a node being expanded (a row of `network/frontier-step`). */
export type StepRow = TraversalStep;

/** How a node was reached: from `via` over the relationship in `row`. */
export interface Link {
  via: string;
  row: StepRow;
}

/** One side of a bidirectional breadth-first search. */
export class SearchSide {
  /** Distance from this side's root for every node reached. */
  readonly depth = new Map<string, number>();
  /** Every shortest-path predecessor of every node reached (the BFS DAG). */
  readonly parents = new Map<string, Link[]>();
  /**
   * The nodes reached so far, as a map for the constant-time `$visited[id]` test in Cypher;
   * kept up as nodes are reached (rebuilding it per level cost O(reached) each time).
   */
  readonly visited: Record<string, true> = {};
  frontier: string[];
  level = 0;

  constructor(readonly root: string) {
    this.depth.set(root, 0);
    this.visited[root] = true;
    this.frontier = [root];
  }

  /**
   * Takes the rows of one expansion of the frontier and moves the frontier one level on.
   * @returns the newly reached nodes.
   */
  advance(rows: readonly StepRow[]): string[] {
    const next: string[] = [];
    const touched = new Set<string>();
    this.level += 1;
    for (const row of rows) {
      if (row.otherId === row.nodeId) continue;
      const known = this.depth.get(row.otherId);
      if (known !== undefined && known < this.level) continue;
      if (known === undefined) {
        this.depth.set(row.otherId, this.level);
        this.visited[row.otherId] = true;
        next.push(row.otherId);
      }
      const links = this.parents.get(row.otherId) ?? [];
      links.push({ via: row.nodeId, row });
      this.parents.set(row.otherId, links);
      touched.add(row.otherId);
    }
    for (const id of touched) this.parents.get(id)?.sort(compareLinks);
    this.frontier = next.sort();
    return this.frontier;
  }
}

function compareLinks(a: Link, b: Link): number {
  return a.via < b.via ? -1 : a.via > b.via ? 1 : a.row.relationshipId < b.row.relationshipId ? -1 : a.row.relationshipId > b.row.relationshipId ? 1 : 0;
}

/** The stored (source, target) of a relationship seen in a row. */
function endsOf(row: StepRow): { fromId: string; toId: string } {
  return row.outgoing ? { fromId: row.nodeId, toId: row.otherId } : { fromId: row.otherId, toId: row.nodeId };
}

/** The hop from `at` over the relationship of `row`, with the stored ends right. */
export function hop(at: string, row: StepRow, strength: number | null = null): PathEdge {
  const { fromId, toId } = endsOf(row);
  return {
    relationshipId: row.relationshipId,
    type: row.type,
    fromId,
    toId,
    direction: fromId === at ? PathEdgeDirection.FORWARD : PathEdgeDirection.BACKWARD,
    strength,
  };
}

interface Partial {
  nodeIds: string[];
  edges: PathEdge[];
}

/** Every shortest path from the side's root to `node`, lazily, in a stable order. */
function* pathsFromRoot(side: SearchSide, node: string): Generator<Partial> {
  if (node === side.root) {
    yield { nodeIds: [node], edges: [] };
    return;
  }
  for (const link of side.parents.get(node) ?? []) {
    for (const prefix of pathsFromRoot(side, link.via)) {
      yield { nodeIds: [...prefix.nodeIds, node], edges: [...prefix.edges, hop(link.via, link.row)] };
    }
  }
}

/** Every shortest path from `node` to the side's root (the side searched from the target). */
function* pathsToRoot(side: SearchSide, node: string): Generator<Partial> {
  if (node === side.root) {
    yield { nodeIds: [node], edges: [] };
    return;
  }
  for (const link of side.parents.get(node) ?? []) {
    for (const suffix of pathsToRoot(side, link.via)) {
      yield { nodeIds: [node, ...suffix.nodeIds], edges: [hop(node, link.row), ...suffix.edges] };
    }
  }
}

/**
 * The shortest paths through the meeting nodes of a bidirectional search, at most `limit`.
 * `forward` was searched from the path's start, `backward` from its end.
 */
export function joinShortestPaths(forward: SearchSide, backward: SearchSide, meeting: readonly string[], limit: number): GraphPath[] {
  const out: GraphPath[] = [];
  for (const node of [...meeting].sort()) {
    for (const head of pathsFromRoot(forward, node)) {
      for (const tail of pathsToRoot(backward, node)) {
        const nodeIds = [...head.nodeIds, ...tail.nodeIds.slice(1)];
        const edges = [...head.edges, ...tail.edges];
        out.push({ nodeIds, edges, length: edges.length, strength: null });
        if (out.length >= limit) return out;
      }
    }
  }
  return out;
}

/** Which way paths may follow relationships: every hop from source to target (OUTGOING) or against it (INCOMING); symmetric types either way. */
export interface Orientation {
  direction: 'OUTGOING' | 'INCOMING';
  symmetricTypes: readonly string[];
}

/**
 * A multigraph built from expansion rows (each relationship once): undirected, or oriented so
 * that `next` and `previous` only offer hops a path may take.
 */
export class Subgraph {
  private readonly adjacency = new Map<string, Map<string, StepRow>>();
  private readonly sorted = new Map<string, { other: string; row: StepRow }[]>();

  constructor(private readonly orientation: Orientation | null = null) {}

  /** The hops a path may take from `node`. */
  next(node: string): { other: string; row: StepRow }[] {
    return this.orientation === null ? this.neighbours(node) : this.neighbours(node).filter(({ row }) => this.follows(node, row));
  }

  /** The hops a path may take into `node`. */
  previous(node: string): { other: string; row: StepRow }[] {
    return this.orientation === null ? this.neighbours(node) : this.neighbours(node).filter(({ other, row }) => this.follows(other, row));
  }

  /** Whether a path may go from `at` over the relationship of `row`. */
  private follows(at: string, row: StepRow): boolean {
    const o = this.orientation;
    if (o === null || o.symmetricTypes.includes(row.type)) return true;
    const { fromId, toId } = endsOf(row);
    return o.direction === 'OUTGOING' ? fromId === at : toId === at;
  }

  add(rows: readonly StepRow[]): void {
    this.sorted.clear();
    for (const row of rows) {
      if (row.otherId === row.nodeId) continue;
      this.link(row.nodeId, row);
      this.link(row.otherId, row);
    }
  }

  get nodeCount(): number {
    return this.adjacency.size;
  }

  /** Every node with at least one relationship. */
  nodes(): string[] {
    return [...this.adjacency.keys()];
  }

  /** Relationships at `node`, each with the node at its other end, in a stable order. */
  neighbours(node: string): { other: string; row: StepRow }[] {
    const cached = this.sorted.get(node);
    if (cached) return cached;
    const rels = this.adjacency.get(node);
    if (!rels) return [];
    const list = [...rels.values()]
      .map((row) => ({ other: row.nodeId === node ? row.otherId : row.nodeId, row }))
      .sort((a, b) => (a.other < b.other ? -1 : a.other > b.other ? 1 : a.row.relationshipId < b.row.relationshipId ? -1 : 1));
    this.sorted.set(node, list);
    return list;
  }

  /** Hop distances to `root` within this subgraph (along the hops a path may take). */
  distancesTo(root: string, maxDepth: number): Map<string, number> {
    const dist = new Map<string, number>([[root, 0]]);
    let frontier = [root];
    for (let d = 1; d <= maxDepth && frontier.length > 0; d++) {
      const next: string[] = [];
      for (const node of frontier) {
        for (const { other } of this.previous(node)) {
          if (!dist.has(other)) {
            dist.set(other, d);
            next.push(other);
          }
        }
      }
      frontier = next;
    }
    return dist;
  }

  private link(node: string, row: StepRow): void {
    let rels = this.adjacency.get(node);
    if (!rels) {
      rels = new Map();
      this.adjacency.set(node, rels);
    }
    rels.set(row.relationshipId, row);
  }
}

/**
 * The `limit` shortest simple paths from `from` to `to` of at most `maxDepth` hops, shortest
 * first (ties in a stable order). Depth-first by exact length with pruning on the distance to
 * `to`, so only extendable prefixes are explored.
 */
export function shortestSimplePaths(graph: Subgraph, from: string, to: string, maxDepth: number, limit: number): GraphPath[] {
  const dist = graph.distancesTo(to, maxDepth);
  const start = dist.get(from);
  if (start === undefined || from === to) return [];
  const out: GraphPath[] = [];
  for (let length = start; length <= maxDepth && out.length < limit; length++) {
    const nodeIds = [from];
    const edges: PathEdge[] = [];
    const onPath = new Set([from]);
    const walk = (at: string): void => {
      if (out.length >= limit) return;
      if (edges.length === length) {
        if (at === to) out.push({ nodeIds: [...nodeIds], edges: [...edges], length, strength: null });
        return;
      }
      for (const { other, row } of graph.next(at)) {
        const remaining = dist.get(other);
        if (remaining === undefined || onPath.has(other) || edges.length + 1 + remaining > length) continue;
        if (other === to && edges.length + 1 !== length) continue;
        onPath.add(other);
        nodeIds.push(other);
        edges.push(hop(at, row));
        walk(other);
        edges.pop();
        nodeIds.pop();
        onPath.delete(other);
      }
    };
    walk(from);
  }
  return out;
}

/**
 * The path of at most `maxDepth` hops from `from` to `to` whose product of hop strengths is
 * the highest (hops of strength 0 are not usable). Exact: dynamic programming over the hop
 * count, so a longer but stronger chain wins over a weak direct link. Ties keep fewer hops.
 */
export function strongestPath(
  graph: Subgraph,
  from: string,
  to: string,
  maxDepth: number,
  strengthOf: (row: StepRow) => number,
): GraphPath | null {
  if (from === to) return null;
  interface Best {
    cost: number;
    prev: Best | null;
    node: string;
    row: StepRow | null;
    hops: number;
  }
  let layer = new Map<string, Best>([[from, { cost: 0, prev: null, node: from, row: null, hops: 0 }]]);
  let best: Best | null = null;
  const settled = new Map<string, number>([[from, 0]]);
  for (let k = 1; k <= maxDepth && layer.size > 0; k++) {
    const next = new Map<string, Best>();
    for (const state of layer.values()) {
      for (const { other, row } of graph.next(state.node)) {
        const s = strengthOf(row);
        if (!(s > 0)) continue;
        if (onChain(state, other)) continue;
        const cost = state.cost - Math.log(Math.min(1, s));
        const seen = settled.get(other);
        if (seen !== undefined && seen <= cost) continue;
        const current = next.get(other);
        if (current && current.cost <= cost) continue;
        next.set(other, { cost, prev: state, node: other, row, hops: k });
      }
    }
    for (const [node, state] of next) {
      settled.set(node, Math.min(settled.get(node) ?? Infinity, state.cost));
      if (node === to && (best === null || state.cost < best.cost)) best = state;
    }
    next.delete(to);
    layer = next;
  }
  if (best === null) return null;
  const chain: Best[] = [];
  for (let s: Best | null = best; s !== null; s = s.prev) chain.unshift(s);
  const nodeIds = chain.map((s) => s.node);
  const edges: PathEdge[] = [];
  for (const s of chain) {
    if (s.prev !== null && s.row !== null) edges.push(hop(s.prev.node, s.row, strengthOf(s.row)));
  }
  return { nodeIds, edges, length: edges.length, strength: Math.exp(-best.cost) };
}

function onChain(state: { node: string; prev: { node: string; prev: unknown } | null }, node: string): boolean {
  for (let s: typeof state | null = state; s !== null; s = s.prev as typeof state | null) if (s.node === node) return true;
  return false;
}
