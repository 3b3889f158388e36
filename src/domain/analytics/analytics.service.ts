import type { GraphEngine } from '../../graph/graph-engine.port';
import type { QueryCatalogue } from '../../graph/query-catalogue';
import type { AdjacencyRow } from '../../graph/traversal.port';
import { BadUserInputError } from '../errors';
import type { Category } from '../metamodel/metamodel.types';
import type { NetworkService } from '../network/network.service';
import { checkValidity } from '../relationships/relationship-rules';
import { backwardWindow, checkPageArgs, forwardWindow, isBackward, toPage, type Page, type PageArgs, type PageLimits, type PageWindow } from '../shared/page';
import {
  AnalyticsAlgorithm,
  type AnalyticsResult,
  type AnalyticsScope,
  type CentralityMetric,
  type NodeGroup,
  type NodeScore,
  type Projection,
} from './analytics.model';
import { runInWorker } from './worker-runner';

/** Limits of analytics (from the configuration). */
export interface AnalyticsLimits {
  /** Largest projection, in entities (ANALYTICS_MAX_NODES). */
  maxNodes: number;
  /** Longest computation, in ms (ANALYTICS_TIME_BUDGET_MS). */
  timeBudgetMs: number;
  /** Paging of results. */
  page: PageLimits;
}

/** Results kept per scope and algorithm; the oldest is dropped beyond this. */
const CACHE_ENTRIES = 32;
const DEFAULT_SCOPE_DEPTH = 2;


/** A page of scores, each with its 1-based rank. */
export interface ScorePage {
  result: AnalyticsResult;
  page: Page<NodeScore & { rank: number }>;
}

/** A page of groups (communities or components). */
export interface GroupPage {
  result: AnalyticsResult;
  modularity: number | null;
  page: Page<NodeGroup>;
}

/**
 * Centrality, communities and connected components on a bounded projection of the graph
 * (one Cypher query), computed in a worker thread within a time budget, cached per scope
 * until the graph changes.
 *
 * Cache invalidation: call `invalidate()` after every committed change to entities or
 * relationships (the events module does, on every domain event). It bumps the graph
 * version and drops every cached result.
 */
export class AnalyticsService {
  private version = 0;
  private readonly cache = new Map<string, Promise<AnalyticsResult>>();

  /** The projection is read through `network.traversal` (native on Grafeo, Cypher elsewhere); engine and catalogue stay for the wiring. */
  constructor(
    _engine: GraphEngine,
    _catalogue: QueryCatalogue,
    private readonly network: NetworkService,
    private readonly limits: AnalyticsLimits,
  ) {}

  /** The graph has changed: forget every cached result. Cheap; call it on every change. */
  invalidate(): void {
    this.version += 1;
    this.cache.clear();
  }

  /** Increases with every `invalidate()`. */
  get graphVersion(): number {
    return this.version;
  }

  /**
   * A page of a centrality measure, highest first.
   * @throws BadUserInputError for a bad scope, a projection above the limit, or a computation past the time budget.
   */
  async centrality(metric: CentralityMetric, scope: AnalyticsScope | null | undefined, args: PageArgs): Promise<ScorePage> {
    checkPageArgs(args, this.limits.page);
    const result = await this.compute(metric, scope ?? {});
    if (result.outcome.kind !== 'scores') throw new Error(`${metric} gave no scores`);
    const all = result.outcome.scores;
    const window = this.window(args, all.length);
    const items = all.slice(window.skip, window.skip + window.limit).map((s, i) => ({ ...s, rank: window.skip + i + 1 }));
    return { result, page: toPage(items, window, all.length) };
  }

  /** A page of Louvain communities, largest first, with the partition's modularity. */
  async communities(scope: AnalyticsScope | null | undefined, args: PageArgs): Promise<GroupPage> {
    return this.groups(AnalyticsAlgorithm.COMMUNITIES, scope, args);
  }

  /** A page of connected components, largest first. */
  async components(scope: AnalyticsScope | null | undefined, args: PageArgs): Promise<GroupPage> {
    return this.groups(AnalyticsAlgorithm.COMPONENTS, scope, args);
  }

  private async groups(algorithm: AnalyticsAlgorithm, scope: AnalyticsScope | null | undefined, args: PageArgs): Promise<GroupPage> {
    checkPageArgs(args, this.limits.page);
    const result = await this.compute(algorithm, scope ?? {});
    if (result.outcome.kind !== 'groups') throw new Error(`${algorithm} gave no groups`);
    const all = result.outcome.groups;
    const window = this.window(args, all.length);
    return { result, modularity: result.outcome.modularity, page: toPage(all.slice(window.skip, window.skip + window.limit), window, all.length) };
  }

  /** The window of a cached result of `total` rows: forward (first/after) or backward (last/before). */
  private window(args: PageArgs, total: number): PageWindow {
    return isBackward(args) ? backwardWindow(args, this.limits.page, total) : forwardWindow(args, this.limits.page);
  }

  private compute(algorithm: AnalyticsAlgorithm, scope: AnalyticsScope): Promise<AnalyticsResult> {
    const normalised = normaliseScope(scope);
    const depth = normalised.depth;
    if (depth !== null && (!Number.isInteger(depth) || depth < 1 || depth > this.network.maxTraversalDepth)) {
      throw new BadUserInputError(`depth must be between 1 and ${this.network.maxTraversalDepth}`, 'scope.depth', {
        max: this.network.maxTraversalDepth,
      });
    }
    const key = JSON.stringify([algorithm, normalised]);
    const hit = this.cache.get(key);
    if (hit) return hit;
    const version = this.version;
    const pending = (async (): Promise<AnalyticsResult> => {
      const projection = await this.project(normalised);
      const outcome = await runInWorker(algorithm, projection, this.limits.timeBudgetMs);
      return {
        algorithm,
        nodeCount: projection.ids.length,
        edgeCount: projection.edges.length / 2,
        graphVersion: version,
        computedAt: new Date().toISOString(),
        outcome,
      };
    })();
    this.cache.set(key, pending);
    if (this.cache.size > CACHE_ENTRIES) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    pending.catch(() => {
      if (this.cache.get(key) === pending) this.cache.delete(key);
    });
    return pending;
  }

  /** The projection of a scope, fetched by one query (plus the neighbourhood's, for a scope around an entity). */
  private async project(scope: NormalisedScope): Promise<Projection> {
    let rows: AdjacencyRow[];
    const filters = { types: scope.relationshipTypes, activeAt: scope.activeAt };
    if (scope.aroundId !== null) {
      const around = await this.network.neighbourhood({
        id: scope.aroundId,
        depth: scope.depth,
        relationshipTypes: scope.relationshipTypes,
        kinds: scope.kinds,
        categories: scope.categories,
        activeAt: scope.activeAt,
        maxNodes: Math.min(this.limits.maxNodes, this.network.maxTraversalNodes),
      });
      if (around.truncated) throw tooLarge(Math.min(this.limits.maxNodes, this.network.maxTraversalNodes));
      rows = await this.network.traversal.adjacencyOf(
        around.nodes.map((n) => n.id),
        filters,
      );
    } else {
      rows = await this.network.traversal.adjacency({ kinds: scope.kinds, categories: scope.categories, ...filters }, this.limits.maxNodes + 1);
      if (rows.length > this.limits.maxNodes) throw tooLarge(this.limits.maxNodes);
    }
    if (rows.every((row) => row.outRows !== undefined)) {
      // Native rows: distinct ids and neighbours already as row indexes (no string look-ups).
      const edges: number[] = [];
      rows.forEach((row, source) => {
        for (const target of row.outRows ?? []) edges.push(source, target);
      });
      return { ids: rows.map((row) => row.id), edges };
    }
    const index = new Map<string, number>();
    const ids: string[] = [];
    for (const row of rows) {
      if (index.has(row.id)) continue;
      index.set(row.id, ids.length);
      ids.push(row.id);
    }
    const edges: number[] = [];
    for (const row of rows) {
      const source = index.get(row.id);
      if (source === undefined) continue;
      for (const other of row.out) {
        const target = index.get(other);
        if (target !== undefined) edges.push(source, target);
      }
    }
    return { ids, edges };
  }
}

interface NormalisedScope {
  kinds: string[] | null;
  categories: Category[] | null;
  relationshipTypes: string[] | null;
  activeAt: string | null;
  aroundId: string | null;
  depth: number | null;
}

function normaliseScope(scope: AnalyticsScope): NormalisedScope {
  const list = <T extends string>(v: T[] | null | undefined): T[] | null => (v?.length ? [...new Set(v)].sort() : null);
  let activeAt: string | null = null;
  if (scope.activeAt != null) {
    try {
      activeAt = checkValidity(scope.activeAt, null).validFrom;
    } catch {
      throw new BadUserInputError('activeAt must be an ISO-8601 date-time with a time zone', 'scope.activeAt');
    }
  }
  if (scope.aroundId == null && scope.depth != null) throw new BadUserInputError('depth needs aroundId', 'scope.depth');
  return {
    kinds: list(scope.kinds),
    categories: list(scope.categories),
    relationshipTypes: list(scope.relationshipTypes),
    activeAt,
    aroundId: scope.aroundId ?? null,
    depth: scope.aroundId == null ? null : (scope.depth ?? DEFAULT_SCOPE_DEPTH),
  };
}

function tooLarge(max: number): BadUserInputError {
  return new BadUserInputError(
    `The analytics scope holds more than ${max} entities (ANALYTICS_MAX_NODES); narrow it with kinds, categories, relationshipTypes or aroundId`,
    'scope',
    { reason: 'PROJECTION_TOO_LARGE', maxNodes: max },
  );
}
