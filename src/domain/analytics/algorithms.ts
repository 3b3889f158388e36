/**
 * The graph algorithms, on a projection. Pure and synchronous: they run inside the analytics
 * worker thread (see analytics.worker.ts) and in unit tests. Betweenness, closeness and
 * Louvain use graphology; degree, PageRank and components use the compact form in
 * compact-graph.ts, because building a graphology graph dominates at 100k+ nodes.
 */
import Graph from 'graphology';
import louvain from 'graphology-communities-louvain';
import betweenness from 'graphology-metrics/centrality/betweenness';
import closeness from 'graphology-metrics/centrality/closeness';
import { AnalyticsAlgorithm, type AnalyticsOutcome, type NodeGroup, type NodeScore, type Projection } from './analytics.model';
import { connectedComponents, degrees, pageRank, toCompactGraph } from './compact-graph';
import { seededRandom } from '../shared/seeded-random';

/** Seed of Louvain's random node order, so the same graph gives the same communities. */
const LOUVAIN_SEED = 0x5eed;

/** The projection as an undirected simple graph: direction and parallel relationships dropped, self-loops ignored. */
export function toUndirectedGraph(projection: Projection): Graph {
  const graph = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  const { edges, ids } = projection;
  for (const id of ids) graph.addNode(id);
  // Deduplicate pairs with numeric keys: graphology's own mergeEdge check is far slower.
  const n = ids.length;
  const seen = new Set<number>();
  for (let i = 0; i + 1 < edges.length; i += 2) {
    const x = edges[i] ?? -1;
    const y = edges[i + 1] ?? -1;
    const a = ids[x];
    const b = ids[y];
    if (x === y || a === undefined || b === undefined) continue;
    const key = x < y ? x * n + y : y * n + x;
    if (seen.has(key)) continue;
    seen.add(key);
    graph.addEdge(a, b);
  }
  return graph;
}

/** Runs one algorithm. */
export function runAlgorithm(algorithm: AnalyticsAlgorithm, projection: Projection): AnalyticsOutcome {
  const { ids } = projection;
  switch (algorithm) {
    case AnalyticsAlgorithm.DEGREE:
      return fromArray(ids, degrees(toCompactGraph(projection)));
    case AnalyticsAlgorithm.PAGERANK:
      return fromArray(ids, pageRank(toCompactGraph(projection)));
    case AnalyticsAlgorithm.BETWEENNESS: {
      const graph = toUndirectedGraph(projection);
      const values = betweenness(graph, { normalized: true });
      return scores(graph, (node) => values[node] ?? 0);
    }
    case AnalyticsAlgorithm.CLOSENESS: {
      const graph = toUndirectedGraph(projection);
      const values = closeness(graph, { wassermanFaust: true });
      return scores(graph, (node) => values[node] ?? 0);
    }
    case AnalyticsAlgorithm.COMMUNITIES:
      return communities(toUndirectedGraph(projection));
    case AnalyticsAlgorithm.COMPONENTS: {
      const groups = connectedComponents(toCompactGraph(projection)).map((members) => members.map((i) => ids[i] ?? String(i)));
      return { kind: 'groups', groups: toGroups(groups), modularity: null };
    }
    default: {
      const never: never = algorithm;
      throw new Error(`Unknown algorithm ${String(never)}`);
    }
  }
}

function fromArray(ids: readonly string[], values: Float64Array): AnalyticsOutcome {
  const out: NodeScore[] = ids.map((id, i) => ({ id, score: values[i] ?? 0 }));
  out.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
  return { kind: 'scores', scores: out };
}

function scores(graph: Graph, of: (node: string) => number): AnalyticsOutcome {
  const out: NodeScore[] = graph.mapNodes((node) => ({ id: node, score: of(node) }));
  out.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
  return { kind: 'scores', scores: out };
}

function communities(graph: Graph): AnalyticsOutcome {
  if (graph.size === 0) {
    return { kind: 'groups', groups: toGroups(graph.nodes().map((n) => [n])), modularity: null };
  }
  const detailed = louvain.detailed(graph, { rng: seededRandom(LOUVAIN_SEED), getEdgeWeight: null });
  const byCommunity = new Map<number, string[]>();
  for (const [node, community] of Object.entries(detailed.communities)) {
    const members = byCommunity.get(community) ?? [];
    members.push(node);
    byCommunity.set(community, members);
  }
  return { kind: 'groups', groups: toGroups([...byCommunity.values()]), modularity: detailed.modularity };
}

/** Groups by decreasing size (ties by smallest member), members sorted. */
function toGroups(groups: string[][]): NodeGroup[] {
  return groups
    .map((members) => [...members].sort())
    .sort((a, b) => b.length - a.length || ((a[0] ?? '') < (b[0] ?? '') ? -1 : 1))
    .map((members, index) => ({ index, members }));
}

