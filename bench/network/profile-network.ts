/**
 * `npx tsx bench/network/profile-network.ts` — where the time of a traversal goes, without
 * GraphQL and HTTP: the service calls alone (native and Cypher traversal), cold and warm, and
 * the entity loads a GraphQL answer adds. Scale by BENCH_NODES / BENCH_EDGES (defaults
 * 100000 / 500000), repetitions by BENCH_ITERATIONS (default 40). Not part of `npm test`.
 */
import '../production-mode';
import 'reflect-metadata';
import { buildServices } from '../../src/app';
import { loadConfig } from '../../src/config/config';
import { NetworkService } from '../../src/domain/network/network.service';
import { CypherTraversal } from '../../src/graph/cypher.traversal';
import { GrafeoEngine } from '../../src/graph/grafeo/grafeo.engine';
import { QueryCatalogue } from '../../src/graph/query-catalogue';
import { generateGraph, seededRandom } from './generate-graph';
import { loadGraph, nodeId } from './load-graph';

const NODES = Number(process.env.BENCH_NODES ?? 100_000);
const EDGES = Number(process.env.BENCH_EDGES ?? 500_000);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 40);

async function timed(label: string, runs: number, body: (i: number) => Promise<unknown>): Promise<void> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await body(i);
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const p = (q: number) => (samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? NaN).toFixed(1);
  console.log(`${label.padEnd(48)} p50 ${p(0.5).padStart(7)} ms  p95 ${p(0.95).padStart(7)} ms`);
}

async function main(): Promise<void> {
  const engine = new GrafeoEngine(null);
  const catalogue = new QueryCatalogue();
  await engine.applySchema(catalogue.statements('schema/grafeo'));
  const config = loadConfig({ NODE_ENV: 'production', GRAPH_URL: 'memory:', ANALYTICS_MAX_NODES: String(Math.max(200_000, NODES)), ANALYTICS_TIME_BUDGET_MS: '600000' });
  const services = buildServices(engine, catalogue, config);
  await services.metamodel.seedDefaults('system');
  const graph = generateGraph(NODES, EDGES, 7);
  const t = Date.now();
  await loadGraph(engine, graph, 'bench');
  const w = Date.now();
  await services.network.warm();
  console.log(`loaded ${NODES}/${graph.edges.length} in ${w - t} ms, warmed in ${Date.now() - w} ms; traversal ${services.network.traversal.mode}`);
  const random = seededRandom(8);
  const starts = Array.from({ length: ITERATIONS }, () => nodeId('bench', Math.floor(random() * NODES)));
  const ends = Array.from({ length: ITERATIONS }, () => nodeId('bench', Math.floor(random() * NODES)));
  const n = config.network;
  const cypher = new NetworkService(engine, catalogue, services.metamodel, services.entities, n, { explicit: 1, touchpoints: 0, defaultStrength: 0.5 }, new CypherTraversal(engine, catalogue));
  for (const [name, net] of [['native', services.network], ['cypher', cypher]] as const) {
    await timed(`${name}: 2-hop neighbourhood (first visit)`, ITERATIONS, (i) => net.neighbourhood({ id: starts[i] ?? '', depth: 2, maxNodes: 500 }));
    await timed(`${name}: 2-hop neighbourhood (again)`, ITERATIONS, (i) => net.neighbourhood({ id: starts[i] ?? '', depth: 2, maxNodes: 500 }));
    await timed(`${name}: 3-hop neighbourhood (maxNodes 1000)`, ITERATIONS, (i) => net.neighbourhood({ id: ends[i] ?? '', depth: 3, maxNodes: 1000 }));
    await timed(`${name}: shortest path (maxDepth 8)`, ITERATIONS, (i) => net.shortestPath({ from: starts[i] ?? '', to: ends[i] ?? '', maxDepth: 8 }));
  }
  const hood = await services.network.neighbourhood({ id: starts[0] ?? '', depth: 2, maxNodes: 500 });
  await timed(`load the ${hood.nodes.length} entities of a 2-hop answer`, 10, () => services.entities.getMany(hood.nodes.map((x) => x.id)));
  await timed('requireEnds (entities.getMany of 2)', 10, (i) => services.entities.getMany([starts[i] ?? '', ends[i] ?? '']));
  await timed('metamodel.listRelationshipTypes', 10, () => services.metamodel.listRelationshipTypes());
  await timed('projection, native', 2, () => services.network.traversal.adjacency({ kinds: null, categories: null, types: null, activeAt: null }, NODES + 1));
  await timed('projection, cypher', 1, () => cypher.traversal.adjacency({ kinds: null, categories: null, types: null, activeAt: null }, NODES + 1));
  await timed('PageRank, cold', 2, () => {
    services.analytics.invalidate();
    return services.analytics.centrality('PAGERANK' as never, null, { first: 10 });
  });
  await engine.close();
}
main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
