/**
 * `npm run bench:network` — latency of network traversals and analytics through GraphQL
 * over HTTP, on a generated graph (deterministic seed, power-law degrees).
 *
 * Scale and repetitions by environment or flags (flags win):
 *   BENCH_NODES / --nodes=100000, BENCH_EDGES / --edges=500000, BENCH_SEED / --seed=7,
 *   BENCH_ITERATIONS / --iterations=200, BENCH_PAGERANK_RUNS / --pagerank-runs=3,
 *   GRAPH_URL (default memory:; a neo4j:// URL benches Neo4j, which should be empty).
 * Not part of `npm test`.
 */
import '../production-mode';
import 'reflect-metadata';
import { cpus, loadavg, totalmem } from 'node:os';
import { startApp } from '../../src/app';
import { loadConfig } from '../../src/config/config';
import { QueryCatalogue } from '../../src/graph/query-catalogue';
import { createLogger } from '../../src/logger';
import { generateGraph, seededRandom } from './generate-graph';
import { benchQueries, loadGraph, nodeId } from './load-graph';

function option(name: string, env: string, fallback: number): number {
  const flag = process.argv.find((a) => a.startsWith(`--${name}=`));
  const raw = flag ? flag.slice(name.length + 3) : process.env[env];
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} / ${env} must be a positive number`);
  return value;
}

const NODES = option('nodes', 'BENCH_NODES', 100_000);
const EDGES = option('edges', 'BENCH_EDGES', 500_000);
const SEED = option('seed', 'BENCH_SEED', 7);
const ITERATIONS = option('iterations', 'BENCH_ITERATIONS', 200);
const PAGERANK_RUNS = option('pagerank-runs', 'BENCH_PAGERANK_RUNS', 3);
const PREFIX = 'bench';
/** Requests of each 2-hop variant sent (to other start entities) before its measured ones. */
const WARM_UP = 50;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

interface Measure {
  name: string;
  p50: number;
  p95: number;
  runs: number;
  note: string;
}

async function time<T>(runs: number, body: (i: number) => Promise<T>, inspect?: (result: T) => void): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const result = await body(i);
    out.push(Number(process.hrtime.bigint() - start) / 1e6);
    inspect?.(result);
  }
  return out.sort((a, b) => a - b);
}

async function main(): Promise<void> {
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    PORT: '0',
    GRAPH_URL: process.env.GRAPH_URL ?? 'memory:',
    ANALYTICS_MAX_NODES: String(Math.max(200_000, NODES)),
    ANALYTICS_TIME_BUDGET_MS: process.env.ANALYTICS_TIME_BUDGET_MS ?? '600000',
  });
  const app = await startApp(config, { logger: createLogger('silent') });
  const url = app.url;
  const post = async (query: string, variables: Record<string, unknown>): Promise<Record<string, unknown>> => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    const body = (await res.json()) as { data?: Record<string, unknown>; errors?: { message: string }[] };
    if (body.errors) throw new Error(`GraphQL error: ${body.errors.map((e) => e.message).join('; ')}`);
    return body.data ?? {};
  };

  try {
    console.log(
      `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}, engine ${app.engine.kind}, traversal ${app.services.network.traversal.mode}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`,
    );
    const graph = generateGraph(NODES, EDGES, SEED);
    const loadStart = Date.now();
    let lastLog = 0;
    await loadGraph(app.engine, graph, PREFIX, 'KNOWS', (done, total) => {
      if (Date.now() - lastLog > 5000) {
        lastLog = Date.now();
        console.log(`  loading… ${done}/${total}`);
      }
    });
    console.log(`graph: ${NODES} entities, ${graph.edges.length} relationships (seed ${SEED}), loaded in ${((Date.now() - loadStart) / 1000).toFixed(1)} s`);

    const warmStart = Date.now();
    await app.services.network.warm();
    console.log(`traversal ${app.services.network.traversal.mode}, warmed in ${((Date.now() - warmStart) / 1000).toFixed(1)} s`);
    const random = seededRandom(SEED + 1);
    const pick = () => nodeId(PREFIX, Math.floor(random() * NODES));
    const measures: Measure[] = [];
    const record = (name: string, samples: number[], note = ''): Measure => {
      const measure = { name, p50: percentile(samples, 50), p95: percentile(samples, 95), runs: samples.length, note };
      measures.push(measure);
      return measure;
    };

    // The 2-hop variants answer for the same start entities (their sizes vary a lot on a power-law graph), after a warm-up of each.
    const starts = Array.from({ length: ITERATIONS }, pick);
    const start = (i: number) => starts[i] ?? '';
    const warmUp = async (query: string) => {
      for (let i = 0; i < WARM_UP; i++) await post(query, { id: pick(), depth: 2, maxNodes: 500 });
    };

    const neighbourhood = `query ($id: ID!, $depth: Int, $maxNodes: Int) { neighbourhood(id: $id, depth: $depth, maxNodes: $maxNodes) { truncated nodes { depth entity { id } } edges { id } } }`;
    let nodes2 = 0;
    const twoHop = record(
      '2-hop neighbourhood with entity records (`entity { id }`, maxNodes 500)',
      await warmUp(neighbourhood).then(() =>
        time(ITERATIONS, (i) => post(neighbourhood, { id: start(i), depth: 2, maxNodes: 500 }), (d) => {
          nodes2 += (d.neighbourhood as { nodes: unknown[] }).nodes.length;
        }),
      ),
    );
    twoHop.note = `mean ${(nodes2 / ITERATIONS).toFixed(0)} nodes`;

    const labelled = `query ($id: ID!, $depth: Int, $maxNodes: Int) { neighbourhood(id: $id, depth: $depth, maxNodes: $maxNodes) { truncated nodes { id depth name kind category } edges { id type fromId toId } } }`;
    await warmUp(labelled);
    record(
      '2-hop neighbourhood for a visualisation: labels (name, kind, category), no entity load',
      await time(ITERATIONS, (i) => post(labelled, { id: start(i), depth: 2, maxNodes: 500 })),
      'same start entities as the line above',
    );

    const idsOnly = `query ($id: ID!, $depth: Int, $maxNodes: Int) { neighbourhood(id: $id, depth: $depth, maxNodes: $maxNodes) { truncated nodes { id depth } edges { id fromId toId } } }`;
    await warmUp(idsOnly);
    record('2-hop neighbourhood, ids only (no entity load)', await time(ITERATIONS, (i) => post(idsOnly, { id: start(i), depth: 2, maxNodes: 500 })), 'same start entities');

    let truncated = 0;
    const threeHop = record(
      '3-hop neighbourhood capped (maxNodes 1000)',
      await time(ITERATIONS, () => post(neighbourhood, { id: pick(), depth: 3, maxNodes: 1000 }), (d) => {
        if ((d.neighbourhood as { truncated: boolean }).truncated) truncated++;
      }),
    );
    threeHop.note = `${truncated}/${ITERATIONS} truncated`;

    const shortest = `query ($from: ID!, $to: ID!) { shortestPath(from: $from, to: $to, maxDepth: 8) { length edges { relationshipId direction } } }`;
    const pairs = Array.from({ length: ITERATIONS }, () => [pick(), pick()] as const);
    const lengths: number[] = [];
    const shortestMeasure = record(
      'shortest path (maxDepth 8)',
      await time(ITERATIONS, (i) => post(shortest, { from: pairs[i]?.[0] ?? '', to: pairs[i]?.[1] ?? '' }), (d) => {
        const p = d.shortestPath as { length: number } | null;
        lengths.push(p?.length ?? -1);
      }),
    );
    shortestMeasure.note = `mean length ${(lengths.filter((l) => l >= 0).reduce((a, b) => a + b, 0) / Math.max(1, lengths.filter((l) => l >= 0).length)).toFixed(2)}`;

    const baselineRuns = Math.min(ITERATIONS, 30);
    try {
      record(
        'baseline: engine shortestPath((a)-[*..8]-(b)), no HTTP',
        await time(baselineRuns, (i) => app.engine.read(benchQueries.get('plain-shortest-path'), { from: pairs[i]?.[0] ?? '', to: pairs[i]?.[1] ?? '' })),
      );
    } catch (error) {
      console.log(`baseline skipped: ${(error as Error).message}`);
    }

    const projection = app.engine.read.bind(app.engine);
    const productQueries = new QueryCatalogue();
    record(
      `analytics projection through the traversal (${app.services.network.traversal.mode}, no HTTP)`,
      await time(PAGERANK_RUNS, () => app.services.network.traversal.adjacency({ kinds: null, categories: null, types: null, activeAt: null }, NODES + 1)),
    );
    record(
      'analytics projection, Cypher query alone (engine, no HTTP)',
      await time(PAGERANK_RUNS, () =>
        projection(productQueries.get('analytics/projection'), { kinds: null, categories: null, types: null, activeAt: null, limit: NODES + 1 }),
      ),
    );

    const pagerank = `query { centrality(metric: PAGERANK, first: 10) { nodeCount edgeCount edges { node { entityId score } } } }`;
    record(
      'PageRank, whole graph, uncached (projection + worker; the worker is started by the first run, reused after)',
      await time(PAGERANK_RUNS, () => {
        app.services.analytics.invalidate();
        return post(pagerank, {});
      }),
    );
    record('PageRank, whole graph, cached', await time(Math.min(ITERATIONS, 50), () => post(pagerank, {})));

    console.log('\n| query | p50 ms | p95 ms | runs | note |\n|---|---:|---:|---:|---|');
    for (const m of measures) console.log(`| ${m.name} | ${m.p50.toFixed(1)} | ${m.p95.toFixed(1)} | ${m.runs} | ${m.note} |`);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
