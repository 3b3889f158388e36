import type { GraphEngine } from './graph-engine.port';
import type { CypherQuery, QueryCatalogue } from './query-catalogue';
import type {
  AdjacencyRow,
  AdjacencyScope,
  EntitySummary,
  GraphTraversal,
  TraversalEdge,
  TraversalFilter,
  TraversalStep,
} from './traversal.port';

interface IdRow extends Record<string, unknown> {
  id: string;
}

/** The portable traversal: one Cypher statement per call, on any engine (Neo4j's path). */
export class CypherTraversal implements GraphTraversal {
  readonly mode: 'cypher' | 'grafeo-native' = 'cypher';
  private readonly q: Record<'step' | 'level' | 'edges' | 'summaries' | 'projection' | 'projectionOfIds', CypherQuery>;

  constructor(
    protected readonly engine: GraphEngine,
    catalogue: QueryCatalogue,
  ) {
    this.q = {
      step: catalogue.get('network/frontier-step'),
      level: catalogue.get('network/neighbourhood-level'),
      edges: catalogue.get('network/edges-among'),
      summaries: catalogue.get('network/entity-summaries'),
      projection: catalogue.get('analytics/projection'),
      projectionOfIds: catalogue.get('analytics/projection-of-ids'),
    };
  }

  step(frontier: readonly string[], visited: Readonly<Record<string, true>>, filter: TraversalFilter): Promise<TraversalStep[]> {
    return this.engine.read<TraversalStep>(this.q.step, { frontier, visited, ...params(filter), ends: filter.ends });
  }

  async level(frontier: readonly string[], visited: Readonly<Record<string, true>>, filter: TraversalFilter, limit: number): Promise<string[]> {
    const rows = await this.engine.read<IdRow>(this.q.level, { frontier, visited, ...params(filter), ends: filter.ends, limit });
    return rows.map((r) => r.id);
  }

  async edgesAmong(ids: readonly string[], filter: Pick<TraversalFilter, 'types' | 'activeAt'>): Promise<TraversalEdge[]> {
    const idSet: Record<string, true> = {};
    for (const id of ids) idSet[id] = true;
    const rows = await this.engine.read<TraversalEdge>(this.q.edges, { ids, idSet, types: filter.types, activeAt: filter.activeAt });
    return rows.map((r) => ({ ...r, strength: r.strength ?? null }));
  }

  adjacency(scope: AdjacencyScope, limit: number): Promise<AdjacencyRow[]> {
    return this.engine.read<AdjacencyRow>(this.q.projection, {
      kinds: scope.kinds,
      categories: scope.categories,
      types: scope.types,
      activeAt: scope.activeAt,
      limit,
    });
  }

  adjacencyOf(ids: readonly string[], scope: Pick<AdjacencyScope, 'types' | 'activeAt'>): Promise<AdjacencyRow[]> {
    return this.engine.read<AdjacencyRow>(this.q.projectionOfIds, { ids, types: scope.types, activeAt: scope.activeAt });
  }

  summaries(ids: readonly string[]): Promise<EntitySummary[]> {
    return this.engine.read<EntitySummary>(this.q.summaries, { ids });
  }
}

function params(filter: TraversalFilter): Record<string, unknown> {
  return {
    types: filter.types,
    activeAt: filter.activeAt,
    direction: filter.direction,
    symmetricTypes: filter.symmetricTypes,
    kinds: filter.kinds,
    categories: filter.categories,
  };
}
