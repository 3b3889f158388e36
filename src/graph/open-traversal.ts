import { CypherTraversal } from './cypher.traversal';
import { GrafeoEngine } from './grafeo/grafeo.engine';
import { GrafeoTraversal } from './grafeo/grafeo.traversal';
import type { GraphEngine } from './graph-engine.port';
import { InstrumentedEngine } from './instrumented.engine';
import type { QueryCatalogue } from './query-catalogue';
import { ResilientEngine } from './resilient.engine';
import type { AdjacencyRow, AdjacencyScope, EntitySummary, GraphTraversal, TraversalEdge, TraversalFilter, TraversalStep } from './traversal.port';

/**
 * The traversal for `engine`. With `prefer` 'native' (the default) it takes Grafeo's native
 * capabilities whenever the engine under the decorators (InstrumentedEngine, ResilientEngine)
 * is currently a GrafeoEngine — decided at every call, since ResilientEngine connects (and
 * reconnects) after the services are built — and portable Cypher otherwise (Neo4j). Statements
 * always go through `engine`, so they are timed and guarded like any other.
 */
export function traversalFor(engine: GraphEngine, catalogue: QueryCatalogue, prefer: 'native' | 'cypher' = 'native'): GraphTraversal {
  const cypher = new CypherTraversal(engine, catalogue);
  return prefer === 'cypher' ? cypher : new EngineTraversal(engine, catalogue, cypher);
}

/** The engine under the decorators, or undefined while a ResilientEngine is not connected. */
export function innermostEngine(engine: GraphEngine): GraphEngine | undefined {
  let current: GraphEngine | undefined = engine;
  for (let depth = 0; depth < 8 && current !== undefined; depth++) {
    if (current instanceof InstrumentedEngine) current = current.unwrapped;
    else if (current instanceof ResilientEngine) current = current.current;
    else return current;
  }
  return current;
}

class EngineTraversal implements GraphTraversal {
  private native: { engine: GrafeoEngine; traversal: GrafeoTraversal } | null = null;

  constructor(
    private readonly engine: GraphEngine,
    private readonly catalogue: QueryCatalogue,
    private readonly cypher: CypherTraversal,
  ) {}

  get mode(): GraphTraversal['mode'] {
    return this.current().mode;
  }

  step(frontier: readonly string[], visited: Readonly<Record<string, true>>, filter: TraversalFilter, withStrength?: boolean): Promise<TraversalStep[]> {
    return this.current().step(frontier, visited, filter, withStrength);
  }

  level(frontier: readonly string[], visited: Readonly<Record<string, true>>, filter: TraversalFilter, limit: number): Promise<string[]> {
    return this.current().level(frontier, visited, filter, limit);
  }

  edgesAmong(ids: readonly string[], filter: Pick<TraversalFilter, 'types' | 'activeAt'>): Promise<TraversalEdge[]> {
    return this.current().edgesAmong(ids, filter);
  }

  adjacency(scope: AdjacencyScope, limit: number): Promise<AdjacencyRow[]> {
    return this.current().adjacency(scope, limit);
  }

  adjacencyOf(ids: readonly string[], scope: Pick<AdjacencyScope, 'types' | 'activeAt'>): Promise<AdjacencyRow[]> {
    return this.current().adjacencyOf(ids, scope);
  }

  summaries(ids: readonly string[]): Promise<EntitySummary[]> {
    return this.current().summaries(ids);
  }

  private current(): GraphTraversal {
    const inner = innermostEngine(this.engine);
    if (!(inner instanceof GrafeoEngine)) return this.cypher;
    if (this.native?.engine !== inner) this.native = { engine: inner, traversal: new GrafeoTraversal(this.engine, inner, this.catalogue) };
    return this.native.traversal;
  }
}
