import type { GraphEngine } from '../../graph/graph-engine.port';
import { traversalFor } from '../../graph/open-traversal';
import type { CypherQuery, QueryCatalogue } from '../../graph/query-catalogue';
import type { GraphTraversal, TraversalDirection, TraversalFilter } from '../../graph/traversal.port';
import { toEntity } from '../entities/entity-record';
import type { EntityService } from '../entities/entity.service';
import { BadUserInputError, NotFoundError } from '../errors';
import type { MetamodelReader } from '../metamodel/metamodel.types';
import { RelationshipDirection } from '../relationships/relationship.model';
import { normaliseInstant } from '../shared/clock';
import type {
  CommonConnection,
  CommonConnectionsQuery,
  GraphPath,
  Neighbourhood,
  NeighbourhoodNode,
  NeighbourhoodQuery,
  PathQuery,
} from './network.model';
import { IndexedTraversal, type TopologyIndexStats } from './indexed-traversal';
import { joinShortestPaths, SearchSide, shortestSimplePaths, strongestPath, Subgraph, type StepRow } from './path-search';
import { combineStrength, pairKey, type StrengthWeights, type TouchpointStrengthSource } from './relationship-strength';

/** Limits of the network service (from the configuration). */
export interface NetworkLimits {
  maxTraversalDepth: number;
  maxTraversalNodes: number;
  maxPathDepth: number;
}

/** Deepest `connectionPaths` / `introductionPath` search: they look at every path, not only the shortest. */
export const MAX_CONNECTION_DEPTH = 4;
const DEFAULT_NEIGHBOURHOOD_DEPTH = 2;
const DEFAULT_NEIGHBOURHOOD_NODES = 500;
const DEFAULT_PATH_DEPTH = 6;
const DEFAULT_PATH_LIMIT = 10;
const MAX_PATH_LIMIT = 100;
/** Edges returned per node of a neighbourhood at most (a cap against dense neighbourhoods). */
const EDGES_PER_NODE = 20;

interface EntityRow extends Record<string, unknown> {
  entity: Record<string, unknown>;
}
interface CommonRow extends EntityRow {
  viaA: string[];
  viaB: string[];
}

/** The filters every traversal query takes. */
interface Filters {
  types: string[] | null;
  activeAt: string | null;
}

/** What every traversal may be asked to follow (neighbourhood and path queries alike). */
interface TraversalOptions {
  relationshipTypes?: readonly string[] | null;
  activeAt?: string | null;
  direction?: RelationshipDirection | null;
  kinds?: readonly string[] | null;
  categories?: readonly string[] | null;
}

/**
 * Traversals for analysts: neighbourhoods, shortest and k-shortest paths, common
 * connections and the strongest introduction path. Every traversal expands level by
 * level (one engine call per level, DISTINCT nodes between hops, a capped visited set)
 * and honours `activeAt`.
 */
export class NetworkService {
  private readonly q: Record<'common', CypherQuery>;
  private touchpoints: TouchpointStrengthSource | null = null;
  /** The expansion steps: Grafeo's native adjacency on the embedded engine, portable Cypher elsewhere (docs/network.md). */
  readonly traversal: GraphTraversal;

  constructor(
    private readonly engine: GraphEngine,
    catalogue: QueryCatalogue,
    private readonly metamodel: MetamodelReader,
    private readonly entities: EntityService,
    private readonly limits: NetworkLimits,
    private readonly weights: StrengthWeights,
    traversal?: GraphTraversal,
  ) {
    this.q = { common: catalogue.get('network/common-connections') };
    this.traversal = traversal ?? traversalFor(engine, catalogue);
  }

  /** The deepest neighbourhood accepted. */
  get maxTraversalDepth(): number {
    return this.limits.maxTraversalDepth;
  }

  /** The most entities one traversal may visit. */
  get maxTraversalNodes(): number {
    return this.limits.maxTraversalNodes;
  }

  /** How the topology index stands, when the traversal is indexed (docs/network.md). */
  indexStats(): TopologyIndexStats | undefined {
    return this.traversal instanceof IndexedTraversal ? this.traversal.stats() : undefined;
  }

  /** Builds what the traversal keeps in memory (the topology index) now rather than at the first traversal. */
  async warm(): Promise<void> {
    if (this.traversal instanceof IndexedTraversal) await this.traversal.warm();
  }

  /** Plugs in the touchpoint term of relationship strength (see relationship-strength.ts). */
  useTouchpointStrength(source: TouchpointStrengthSource | null): void {
    this.touchpoints = source;
  }

  /**
   * The entities around `id` up to `depth` hops, each with its depth, and the relationships
   * among them. Engine calls: at most `depth` (levels) + 1 (edges), + 1 when the start has no neighbours (to tell NOT_FOUND),
   * + 1 for the summaries when asked; none at all while the topology index answers (docs/network.md).
   * @throws NotFoundError for an unknown start, BadUserInputError for depth/maxNodes out of range.
   */
  async neighbourhood(query: NeighbourhoodQuery): Promise<Neighbourhood> {
    const depth = query.depth ?? DEFAULT_NEIGHBOURHOOD_DEPTH;
    if (!Number.isInteger(depth) || depth < 1 || depth > this.limits.maxTraversalDepth) {
      throw new BadUserInputError(`depth must be between 1 and ${this.limits.maxTraversalDepth}`, 'depth', { max: this.limits.maxTraversalDepth });
    }
    const maxNodes = query.maxNodes ?? Math.min(DEFAULT_NEIGHBOURHOOD_NODES, this.limits.maxTraversalNodes);
    if (!Number.isInteger(maxNodes) || maxNodes < 1 || maxNodes > this.limits.maxTraversalNodes) {
      throw new BadUserInputError(`maxNodes must be between 1 and ${this.limits.maxTraversalNodes}`, 'maxNodes', { max: this.limits.maxTraversalNodes });
    }
    const filter = await this.traversalFilter(query);

    let nodes: NeighbourhoodNode[] = [{ id: query.id, depth: 0, summary: null }];
    const visited: Record<string, true> = { [query.id]: true };
    let frontier = [query.id];
    let truncated = false;
    for (let level = 1; level <= depth && frontier.length > 0; level++) {
      const room = maxNodes - nodes.length;
      if (room <= 0) {
        truncated = true;
        break;
      }
      const ids = await this.traversal.level(frontier, visited, filter, room + 1);
      // Only an empty first level needs to tell "no neighbours" from "no such entity".
      if (level === 1 && ids.length === 0) await this.requireEntity(query.id);
      if (ids.length > room) truncated = true;
      frontier = ids.slice(0, room);
      for (const id of frontier) {
        nodes.push({ id, depth: level, summary: null });
        visited[id] = true;
      }
    }
    if (query.withSummaries) nodes = await this.labelled(nodes);
    const ids = nodes.map((n) => n.id);
    const edgeRows = await this.traversal.edgesAmong(ids, filter);
    const edgeCap = maxNodes * EDGES_PER_NODE;
    if (edgeRows.length > edgeCap) truncated = true;
    const edges = edgeRows.slice(0, edgeCap).map((r) => ({ id: r.id, type: r.type, fromId: r.fromId, toId: r.toId, strength: r.strength ?? null }));
    return { nodes, edges, truncated };
  }

  /** One shortest path (fewest hops, relationships in either direction), or null when none is within maxDepth. */
  async shortestPath(query: PathQuery): Promise<GraphPath | null> {
    const [path] = await this.shortestPaths({ ...query, limit: 1 });
    return path ?? null;
  }

  /**
   * All shortest paths (up to `limit`, default 10), by bidirectional breadth-first search: the
   * smaller frontier is expanded one level per engine call until the two searches meet.
   * Engine calls: 1 (ends) + at most maxDepth.
   * @throws NotFoundError for an unknown end, BadUserInputError for maxDepth/limit out of range.
   */
  async allShortestPaths(query: PathQuery): Promise<GraphPath[]> {
    return this.shortestPaths(query);
  }

  /**
   * The k shortest simple paths from `from` to `to` of at most maxDepth (≤ 4) hops: the
   * neighbourhoods of both ends (⌈d/2⌉ and ⌊d/2⌋ levels) are fetched level by level, and
   * the paths enumerated in memory, shortest first.
   */
  async connectionPaths(query: PathQuery): Promise<GraphPath[]> {
    const maxDepth = this.checkDepth(query.maxDepth ?? MAX_CONNECTION_DEPTH, MAX_CONNECTION_DEPTH);
    const limit = checkLimit(query.limit);
    const filter = await this.traversalFilter(query, [query.from, query.to]);
    await this.requireEnds(query.from, query.to);
    if (query.from === query.to) return [];
    const graph = await this.ballsAround(query.from, query.to, maxDepth, filter);
    return shortestSimplePaths(graph, query.from, query.to, maxDepth, limit);
  }

  /**
   * The warm-introduction route: the path of at most maxDepth (≤ 4, default 4) hops whose
   * product of relationship strengths is highest, each hop with its strength.
   */
  async introductionPath(query: PathQuery): Promise<GraphPath | null> {
    const maxDepth = this.checkDepth(query.maxDepth ?? MAX_CONNECTION_DEPTH, MAX_CONNECTION_DEPTH);
    const filter = await this.traversalFilter(query, [query.from, query.to]);
    await this.requireEnds(query.from, query.to);
    if (query.from === query.to) return null;
    const graph = await this.ballsAround(query.from, query.to, maxDepth, filter);
    const touch = await this.touchpointScores(graph, filter.activeAt);
    return strongestPath(graph, query.from, query.to, maxDepth, (row) =>
      combineStrength(row.strength, touch?.get(pairKey(row.nodeId, row.otherId)) ?? (touch ? 0 : undefined), this.weights),
    );
  }

  /**
   * Strength between pairs of entities, in order: for each pair the strongest of their direct
   * relationships (each by the formula in relationship-strength.ts), or 0 when they are not
   * directly related. One engine call for all pairs (plus the touchpoint source, when plugged).
   */
  async relationshipStrengths(pairs: readonly (readonly [string, string])[], activeAt?: string | null): Promise<number[]> {
    if (pairs.length === 0) return [];
    const filters = this.filters(null, activeAt);
    const frontier = [...new Set(pairs.map(([a]) => a))];
    const rows: StepRow[] = await this.traversal.step(frontier, {}, { ...filters, ...ANY_DIRECTION });
    const touch = this.touchpoints ? await this.touchpoints.scores(pairs, filters.activeAt) : null;
    const best = new Map<string, number>();
    for (const row of rows) {
      if (row.otherId === row.nodeId) continue;
      const key = pairKey(row.nodeId, row.otherId);
      const s = combineStrength(row.strength, touch ? (touch.get(key) ?? 0) : undefined, this.weights);
      best.set(key, Math.max(best.get(key) ?? 0, s));
    }
    return pairs.map(([a, b]) => best.get(pairKey(a, b)) ?? 0);
  }

  /** Entities directly related to both `a` and `b`, by name. */
  async commonConnections(query: CommonConnectionsQuery): Promise<CommonConnection[]> {
    const limit = checkLimit(query.limit, 100, 1000);
    const filters = this.filters(query.relationshipTypes, query.activeAt);
    await this.requireEnds(query.a, query.b);
    const rows = await this.engine.read<CommonRow>(this.q.common, { a: query.a, b: query.b, ...filters, limit });
    return rows.map((r) => ({ entity: toEntity(r.entity), viaA: [...r.viaA].sort(), viaB: [...r.viaB].sort() }));
  }

  private async shortestPaths(query: PathQuery): Promise<GraphPath[]> {
    const maxDepth = this.checkDepth(query.maxDepth ?? Math.min(DEFAULT_PATH_DEPTH, this.limits.maxPathDepth), this.limits.maxPathDepth);
    const limit = checkLimit(query.limit);
    const filter = await this.traversalFilter(query, [query.from, query.to]);
    await this.requireEnds(query.from, query.to);
    if (query.from === query.to) return [{ nodeIds: [query.from], edges: [], length: 0, strength: null }];
    // The side searched from the target walks the relationships backwards.
    const backwardFilter: TraversalFilter = { ...filter, direction: reverse(filter.direction) };

    const forward = new SearchSide(query.from);
    const backward = new SearchSide(query.to);
    while (forward.level + backward.level < maxDepth) {
      if (forward.frontier.length === 0 || backward.frontier.length === 0) return [];
      const side = forward.frontier.length <= backward.frontier.length ? forward : backward;
      const other = side === forward ? backward : forward;
      const rows: StepRow[] = await this.traversal.step(side.frontier, side.visited, side === forward ? filter : backwardFilter, false);
      this.checkVisited(side.depth.size + rows.length);
      const reached = side.advance(rows);
      const meeting = reached.filter((id) => other.depth.has(id));
      if (meeting.length > 0) return joinShortestPaths(forward, backward, meeting, limit);
    }
    return [];
  }

  /** The relationships within ⌈d/2⌉ hops of `from` and ⌊d/2⌋ hops of `to`: every simple path of ≤ d hops lies in it. */
  private async ballsAround(from: string, to: string, maxDepth: number, filter: TraversalFilter): Promise<Subgraph> {
    const graph = new Subgraph(filter.direction === 'BOTH' ? null : { direction: filter.direction, symmetricTypes: filter.symmetricTypes });
    const radii: [string, number, TraversalFilter][] = [
      [from, Math.ceil(maxDepth / 2), filter],
      [to, Math.floor(maxDepth / 2), { ...filter, direction: reverse(filter.direction) }],
    ];
    for (const [root, radius, sideFilter] of radii) {
      const side = new SearchSide(root);
      for (let level = 0; level < radius && side.frontier.length > 0; level++) {
        const rows: StepRow[] = await this.traversal.step(side.frontier, {}, sideFilter);
        graph.add(rows);
        this.checkVisited(graph.nodeCount);
        side.advance(rows);
      }
    }
    return graph;
  }

  private async touchpointScores(graph: Subgraph, at: string | null): Promise<Map<string, number> | null> {
    if (!this.touchpoints) return null;
    const pairs: [string, string][] = [];
    const seen = new Set<string>();
    for (const node of graph.nodes()) {
      for (const { other } of graph.neighbours(node)) {
        const key = pairKey(node, other);
        if (!seen.has(key)) {
          seen.add(key);
          pairs.push([node, other]);
        }
      }
    }
    return this.touchpoints.scores(pairs, at);
  }

  private checkVisited(count: number): void {
    if (count > this.limits.maxTraversalNodes) {
      throw new BadUserInputError(
        `The search reached more than ${this.limits.maxTraversalNodes} entities; lower maxDepth or name relationshipTypes`,
        'maxDepth',
        { maxNodes: this.limits.maxTraversalNodes },
      );
    }
  }

  private checkDepth(depth: number, max: number): number {
    if (!Number.isInteger(depth) || depth < 1 || depth > max) {
      throw new BadUserInputError(`maxDepth must be between 1 and ${max}`, 'maxDepth', { max });
    }
    return depth;
  }

  /** The filter of a traversal; `ends` are reached whatever their kind or category. */
  private async traversalFilter(query: TraversalOptions, ends: readonly string[] = []): Promise<TraversalFilter> {
    const direction = query.direction ?? RelationshipDirection.BOTH;
    const symmetricTypes =
      direction === RelationshipDirection.BOTH ? [] : (await this.metamodel.listRelationshipTypes()).filter((t) => !t.directed).map((t) => t.name);
    const endSet: Record<string, true> = {};
    for (const id of ends) endSet[id] = true;
    return {
      ...this.filters(query.relationshipTypes, query.activeAt),
      direction,
      symmetricTypes,
      kinds: query.kinds?.length ? [...query.kinds] : null,
      categories: query.categories?.length ? [...query.categories] : null,
      ends: endSet,
    };
  }

  private filters(types: readonly string[] | null | undefined, activeAt: string | null | undefined): Filters {
    return {
      types: types?.length ? [...types] : null,
      activeAt: activeAt == null ? null : instant(activeAt),
    };
  }

  /**
   * The nodes with their summaries. A node whose entity was deleted since the level that
   * reached it (possible where the levels are separate statements) is left out; the start
   * gone is NOT_FOUND, as it would have been a moment later.
   */
  private async labelled(nodes: readonly NeighbourhoodNode[]): Promise<NeighbourhoodNode[]> {
    const summaries = new Map((await this.traversal.summaries(nodes.map((n) => n.id))).map((s) => [s.id, s]));
    const start = nodes[0];
    if (start && !summaries.has(start.id)) throw new NotFoundError('Entity', start.id);
    const out: NeighbourhoodNode[] = [];
    for (const node of nodes) {
      const summary = summaries.get(node.id);
      if (summary) out.push({ ...node, summary });
    }
    return out;
  }

  private async requireEntity(id: string): Promise<void> {
    const [found] = await this.entities.getMany([id]);
    if (!found) throw new NotFoundError('Entity', id);
  }

  private async requireEnds(a: string, b: string): Promise<void> {
    const [x, y] = await this.entities.getMany([a, b]);
    if (!x) throw new NotFoundError('Entity', a);
    if (!y) throw new NotFoundError('Entity', b);
  }
}

/** A filter that follows every relationship to every entity. */
const ANY_DIRECTION = { direction: 'BOTH', symmetricTypes: [], kinds: null, categories: null, ends: {} } as const;

function reverse(direction: TraversalDirection): TraversalDirection {
  return direction === 'OUTGOING' ? 'INCOMING' : direction === 'INCOMING' ? 'OUTGOING' : 'BOTH';
}

function instant(value: string): string {
  const normalised = normaliseInstant(value);
  if (normalised === undefined) {
    throw new BadUserInputError('activeAt must be an ISO-8601 date-time with a time zone, e.g. 2026-03-01T09:00:00Z', 'activeAt');
  }
  return normalised;
}

function checkLimit(limit: number | null | undefined, fallback = DEFAULT_PATH_LIMIT, max = MAX_PATH_LIMIT): number {
  const value = limit ?? fallback;
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new BadUserInputError(`limit must be between 1 and ${max}`, 'limit', { max });
  }
  return value;
}
