/**
 * `npm run bench` — the benchmark harness (not part of `npm test`). Runs named scenarios
 * on one engine and writes a JSON and a Markdown report to bench/results/.
 *
 *   npm run bench -- [--scenarios=import,baseline,lookup,list,hooks] [--scale=small|medium|large]
 *                    [--duration=10] [--connections=10] [--seed=1] [--rounds=3] [--warmup=2]
 *                    [--batch-size=5000]
 *
 * GRAPH_URL picks the engine (default memory:, the embedded Grafeo in memory; a
 * neo4j:// URL benches Neo4j, which should be empty). Scenarios:
 * - import: loads the demo network of --scale through the batched import path:
 *   entities/s, relationships/s, and batch latency percentiles.
 * - baseline: a bare Apollo Server answering a constant `hello`, under autocannon.
 * - lookup: `entity(id)` over HTTP against the real server, under autocannon, as a ratio
 *   to the baseline (target ≥ 0.8). Measured fairly on a shared machine: both servers run
 *   in this process with the same autocannon settings; each gets a --warmup (s) load first
 *   (discarded), then --rounds rounds interleave baseline and lookup (--duration s each),
 *   and the report gives the median ratio and its spread (min…max of the rounds). With
 *   `lookup`, `baseline` is reported from the same rounds. Each run also reports the servers'
 *   main-thread CPU per request (Linux), and the lookup its median ratio in CPU terms.
 * - list: the first page of `entities` (20), under autocannon.
 * - hooks: runs the other benches when present (bench/network for 360° view, 2-hop
 *   neighbourhood, shortest path and analytics; bench/fanout for subscriptions) and
 *   attaches their output.
 */
import './production-mode';
import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, platform, release } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { startApp, type App } from '../src/app';
import { loadConfig } from '../src/config/config';
import { DemoService } from '../src/domain/demo/demo.service';
import { generateDemo, type DemoScale } from '../src/domain/demo/demo-generator';
import { createLogger } from '../src/logger';

function flag(name: string, fallback: string): string {
  const found = process.argv.find((a) => a.startsWith(`--${name}=`));
  return found ? found.slice(name.length + 3) : fallback;
}

const SCENARIOS = flag('scenarios', 'import,baseline,lookup,list,hooks').split(',');
const SCALE = flag('scale', 'medium') as DemoScale;
const DURATION = Number(flag('duration', '10'));
const CONNECTIONS = Number(flag('connections', '10'));
const SEED = Number(flag('seed', '1'));
const ROUNDS = Math.max(1, Number(flag('rounds', '3')));
const WARMUP = Math.max(0, Number(flag('warmup', '2')));
const BATCH_SIZE = Number(flag('batch-size', '5000'));
const GRAPH_URL = process.env.GRAPH_URL ?? 'memory:';
/** The server as deployed, but without the per-principal rate limit (one principal sends everything here). */
const SERVER_ENV = { RATE_LIMIT_PER_SECOND: '0', WS_MAX_CONNECTIONS_PER_PRINCIPAL: '0', ...process.env, GRAPH_URL, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' };

interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
}
interface Figure {
  scenario: string;
  [key: string]: unknown;
}

function percentiles(values: number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN);
  return { p50: at(50), p95: at(95), p99: at(99) };
}

function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/**
 * The load generator, in a worker thread: the servers under test run on this process's
 * event loop, and a load generator sharing that loop would take its time from them (the
 * bare baseline and our server alike, but not in the same proportion).
 */
const LOAD_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const autocannon = require(workerData.autocannon);
const { url, bodies, connections, duration } = workerData;
const latencies = [];
const statuses = {};
let next = 0;
const instance = autocannon(
  {
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    connections,
    duration,
    requests: [{ setupRequest: (req) => ({ ...req, body: bodies[next++ % bodies.length] }) }],
  },
  (error, done) => {
    if (error) parentPort.postMessage({ error: String(error && error.stack || error) });
    // (inside a worker thread autocannon hands back raw histograms, so throughput is counted here)
    else parentPort.postMessage({ average: latencies.length / duration, errors: done.errors, non2xx: done.non2xx, latencies, statuses });
  },
);
instance.on('response', (_client, status, _bytes, responseTime) => {
  latencies.push(responseTime);
  statuses[status] = (statuses[status] || 0) + 1;
});
`;

interface LoadResult {
  average: number;
  errors: number;
  non2xx: number;
  latencies: number[];
  statuses: Record<string, number>;
}

/**
 * CPU time of this process's main thread so far, in µs, from /proc (Linux; clock ticks of
 * 10 ms); undefined elsewhere. The servers under test run on the main thread and autocannon
 * in a worker thread, so this is the servers' own time (GC helper threads not included).
 */
function mainThreadCpuMicros(): number | undefined {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10_000; // utime + stime
  } catch {
    return undefined;
  }
}

/** Runs autocannon (in a worker thread) against a GraphQL endpoint with the given bodies (cycled). */
async function load(
  url: string,
  bodies: string[],
  duration = DURATION,
): Promise<{ requestsPerSecond: number; latencyMs: Percentiles; errors: number; non2xx: number; serverCpuMicrosPerRequest?: number }> {
  const cpuBefore = mainThreadCpuMicros();
  const result = await new Promise<LoadResult>((resolve, reject) => {
    const worker = new Worker(LOAD_WORKER, {
      eval: true,
      workerData: { autocannon: require.resolve('autocannon'), url, bodies, connections: CONNECTIONS, duration },
    });
    worker.once('message', (message: LoadResult | { error: string }) => {
      void worker.terminate();
      if ('error' in message) reject(new Error(`autocannon failed: ${message.error}`));
      else resolve(message);
    });
    worker.once('error', reject);
  });
  const cpuAfter = mainThreadCpuMicros();
  if (result.non2xx > 0) process.stderr.write(`warning: non-2xx responses by status: ${JSON.stringify(result.statuses)}\n`);
  const served = result.latencies.length;
  return {
    requestsPerSecond: round(result.average, 0),
    latencyMs: percentiles(result.latencies),
    errors: result.errors,
    non2xx: result.non2xx,
    // Main-thread CPU per request: steadier than req/s when other processes share the cores.
    ...(cpuBefore !== undefined && cpuAfter !== undefined && served > 0 ? { serverCpuMicrosPerRequest: round((cpuAfter - cpuBefore) / served, 1) } : {}),
  };
}

async function scenarioImport(): Promise<Figure> {
  const config = loadConfig(SERVER_ENV);
  const app = await startApp(config, { logger: createLogger('silent') });
  try {
    const data = generateDemo(SCALE, SEED);
    const batchTimes: number[] = [];
    const demo = new DemoService(app.services.imports, undefined, undefined);
    let last = Date.now();
    const result = await demo.load(SCALE, SEED, {
      actor: 'bench',
      batchSize: BATCH_SIZE,
      onProgress: () => {
        const now = Date.now();
        batchTimes.push(now - last);
        last = now;
      },
    });
    return {
      scenario: 'import',
      scale: SCALE,
      entities: data.entities.length,
      relationships: data.relationships.length,
      entitiesPerSecond: round(data.entities.length / (result.millis.entities / 1000), 0),
      relationshipsPerSecond: round(data.relationships.length / (result.millis.relationships / 1000), 0),
      batchSize: BATCH_SIZE,
      batchLatencyMs: percentiles(batchTimes),
      targetRelationshipsPerSecond: 50_000,
    };
  } finally {
    await app.close();
  }
}

/** The bare Apollo Server of the baseline: a constant `hello`. */
async function startBaseline(): Promise<{ url: string; stop: () => Promise<void> }> {
  const server = new ApolloServer({ typeDefs: 'type Query { hello: String! }', resolvers: { Query: { hello: () => 'world' } } });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return { url, stop: () => server.stop() };
}

const HELLO = [JSON.stringify({ query: '{ hello }' })];

async function scenarioBaseline(): Promise<Figure> {
  const baseline = await startBaseline();
  try {
    if (WARMUP > 0) await load(baseline.url, HELLO, WARMUP);
    return { scenario: 'baseline', description: 'bare Apollo Server, constant hello', ...(await load(baseline.url, HELLO)) };
  } finally {
    await baseline.stop();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

async function withDemoServer<T>(work: (app: App, ids: string[]) => Promise<T>): Promise<T> {
  const config = loadConfig(SERVER_ENV);
  const app = await startApp(config, { logger: createLogger('silent') });
  try {
    await new DemoService(app.services.imports, undefined, undefined).load('small', SEED, { actor: 'bench' });
    const page = await app.services.entities.list(null, null, { first: 100 });
    return await work(app, page.items.map((e) => e.id));
  } finally {
    await app.close();
  }
}

/**
 * entity(id) against the real server and the bare baseline, interleaved: warm-up of both,
 * then ROUNDS × (baseline, lookup). Returns the baseline (median round) and the lookup
 * figure with the median ratio and its spread.
 */
async function scenarioLookup(): Promise<Figure[]> {
  return withDemoServer(async (app, ids) => {
    const query = 'query ($id: ID!) { entity(id: $id) { id kind name version } }';
    const bodies = ids.map((id) => JSON.stringify({ query, variables: { id } }));
    const baseline = await startBaseline();
    try {
      if (WARMUP > 0) {
        await load(baseline.url, HELLO, WARMUP);
        await load(app.url, bodies, WARMUP);
      }
      const rounds: { baseline: Awaited<ReturnType<typeof load>>; lookup: Awaited<ReturnType<typeof load>>; ratio: number }[] = [];
      for (let n = 1; n <= ROUNDS; n++) {
        const base = await load(baseline.url, HELLO);
        const lookup = await load(app.url, bodies);
        const ratio = base.requestsPerSecond > 0 ? lookup.requestsPerSecond / base.requestsPerSecond : NaN;
        rounds.push({ baseline: base, lookup, ratio });
        const cpu = (f: typeof base) => (f.serverCpuMicrosPerRequest === undefined ? '' : `, ${f.serverCpuMicrosPerRequest} µs CPU/request`);
        process.stderr.write(`lookup round ${n}/${ROUNDS}: baseline ${base.requestsPerSecond} req/s${cpu(base)}, lookup ${lookup.requestsPerSecond} req/s${cpu(lookup)}, ratio ${round(ratio)}\n`);
      }
      const ratios = rounds.map((r) => r.ratio);
      const byRatio = [...rounds].sort((a, b) => a.ratio - b.ratio);
      const mid = byRatio[Math.floor((byRatio.length - 1) / 2)] ?? rounds[0];
      if (!mid) throw new Error('no lookup round ran');
      return [
        {
          scenario: 'baseline',
          description: `bare Apollo Server, constant hello; round with the median ratio of ${ROUNDS}`,
          ...mid.baseline,
          requestsPerSecondMedian: round(median(rounds.map((r) => r.baseline.requestsPerSecond)), 0),
        },
        {
          scenario: 'lookup',
          description: `entity(id) over HTTP, 100 ids cycled, demo small; round with the median ratio of ${ROUNDS}`,
          ...mid.lookup,
          requestsPerSecondMedian: round(median(rounds.map((r) => r.lookup.requestsPerSecond)), 0),
          ratioToBaseline: round(median(ratios)),
          ratioSpread: { min: round(Math.min(...ratios)), max: round(Math.max(...ratios)) },
          rounds: rounds.map((r) => ({
            baseline: r.baseline.requestsPerSecond,
            lookup: r.lookup.requestsPerSecond,
            ratio: round(r.ratio),
            baselineCpuMicrosPerRequest: r.baseline.serverCpuMicrosPerRequest,
            lookupCpuMicrosPerRequest: r.lookup.serverCpuMicrosPerRequest,
          })),
          ...cpuMedians(rounds),
          warmupSeconds: WARMUP,
          targetRatio: 0.8,
        },
      ];
    } finally {
      await baseline.stop();
    }
  });
}

/** Medians of the main-thread CPU per request over the rounds, and of baseline CPU ÷ lookup CPU (the ratio in CPU terms). */
function cpuMedians(rounds: { baseline: { serverCpuMicrosPerRequest?: number }; lookup: { serverCpuMicrosPerRequest?: number } }[]): Record<string, number> {
  const pairs = rounds.flatMap((r) =>
    r.baseline.serverCpuMicrosPerRequest !== undefined && r.lookup.serverCpuMicrosPerRequest !== undefined ? [[r.baseline.serverCpuMicrosPerRequest, r.lookup.serverCpuMicrosPerRequest] as const] : [],
  );
  if (pairs.length === 0) return {};
  return {
    baselineCpuMicrosPerRequestMedian: round(median(pairs.map(([b]) => b)), 1),
    lookupCpuMicrosPerRequestMedian: round(median(pairs.map(([, l]) => l)), 1),
    cpuRatioToBaseline: round(median(pairs.map(([b, l]) => b / l))),
  };
}

async function scenarioList(): Promise<Figure> {
  return withDemoServer(async (app) => {
    const query = '{ entities(first: 20) { totalCount edges { node { id name kind } } } }';
    return { scenario: 'list', description: 'entities(first: 20), demo small', ...(await load(app.url, [JSON.stringify({ query })])) };
  });
}

/** Other engineers' benches, run as they are when present; their stdout is attached. */
function scenarioHooks(): Figure[] {
  const hooks: Figure[] = [];
  const candidates = [
    { name: 'network', dir: 'bench/network', env: { BENCH_NODES: '20000', BENCH_EDGES: '100000', BENCH_ITERATIONS: '50' } },
    { name: 'fanout', dir: 'bench/fanout', env: {} },
  ];
  for (const c of candidates) {
    const dir = join(__dirname, '..', c.dir);
    if (!existsSync(dir)) {
      hooks.push({ scenario: `hook:${c.name}`, skipped: `${c.dir} not present` });
      continue;
    }
    const entry = readdirSync(dir).find((f) => f.startsWith('bench') && f.endsWith('.ts'));
    if (!entry) {
      hooks.push({ scenario: `hook:${c.name}`, skipped: `no bench*.ts in ${c.dir}` });
      continue;
    }
    const started = Date.now();
    const run = spawnSync(process.execPath, [require.resolve('tsx/cli'), join(dir, entry)], {
      env: { ...process.env, ...c.env, GRAPH_URL },
      encoding: 'utf8',
      timeout: 15 * 60_000,
    });
    hooks.push({
      scenario: `hook:${c.name}`,
      script: `${c.dir}/${entry}`,
      exitCode: run.status,
      seconds: round((Date.now() - started) / 1000, 1),
      output: (run.stdout || '').trim().slice(-8000),
      ...(run.status === 0 ? {} : { error: (run.stderr || '').trim().slice(-2000) }),
    });
  }
  return hooks;
}

function machine() {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    memoryGiB: round(totalmem() / 1024 ** 3, 1),
    node: process.version,
    os: `${platform()} ${release()}`,
  };
}

function markdown(report: { startedAt: string; engine: string; machine: ReturnType<typeof machine>; figures: Figure[] }): string {
  const m = report.machine;
  const lines = [
    `# Benchmark ${report.startedAt}`,
    '',
    `Engine: ${report.engine}. Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}, ${m.os}.`,
    `HTTP load: autocannon, ${CONNECTIONS} connections, ${DURATION} s per run; baseline and lookup after a ${WARMUP} s warm-up each, interleaved in ${ROUNDS} rounds (median).`,
    '',
    '| scenario | throughput | p50 ms | p95 ms | p99 ms | notes |',
    '|---|---|---|---|---|---|',
  ];
  for (const f of report.figures) {
    const lat = (f.latencyMs ?? f.batchLatencyMs) as Percentiles | undefined;
    let throughput = '';
    let notes = '';
    if (f.scenario === 'import') {
      throughput = `${String(f.entitiesPerSecond)} entities/s, ${String(f.relationshipsPerSecond)} relationships/s`;
      notes = `${String(f.entities)} entities, ${String(f.relationships)} relationships (demo ${String(f.scale)}); latency per ${String(f.batchSize)}-row batch; target 50,000 rel/s`;
    } else if (typeof f.requestsPerSecond === 'number') {
      throughput = `${f.requestsPerSecond} req/s`;
      const spread = f.ratioSpread as { min: number; max: number } | undefined;
      notes = [
        f.description,
        typeof f.ratioToBaseline === 'number' ? `median ratio to baseline ${f.ratioToBaseline}${spread ? ` (rounds ${spread.min}…${spread.max})` : ''} (target 0.8)` : '',
        typeof f.cpuRatioToBaseline === 'number'
          ? `main-thread CPU per request (median): baseline ${String(f.baselineCpuMicrosPerRequestMedian)} µs, lookup ${String(f.lookupCpuMicrosPerRequestMedian)} µs, ratio ${f.cpuRatioToBaseline}`
          : '',
        typeof f.errors === 'number' && f.errors > 0 ? `${f.errors} errors` : '',
      ]
        .filter(Boolean)
        .join('; ');
    } else {
      notes = typeof f.skipped === 'string' ? `skipped: ${f.skipped}` : `exit ${String(f.exitCode)}, ${String(f.seconds)} s; output in the JSON report`;
    }
    lines.push(`| ${f.scenario} | ${throughput} | ${lat?.p50 ?? ''} | ${lat?.p95 ?? ''} | ${lat?.p99 ?? ''} | ${notes} |`);
  }
  return `${lines.join('\n')}\n`;
}

async function main(): Promise<void> {
  const startedAt = new Date().toISOString();
  const engine = GRAPH_URL === 'memory:' ? 'grafeo (embedded, in memory)' : GRAPH_URL.replace(/\/\/[^@/]*@/, '//***@');
  const figures: Figure[] = [];
  const log = (f: Figure) => {
    figures.push(f);
    process.stderr.write(`${JSON.stringify(f).slice(0, 400)}\n`);
  };
  for (const name of SCENARIOS) {
    switch (name) {
      case 'import':
        log(await scenarioImport());
        break;
      case 'baseline':
        // With lookup, the baseline is measured in the same interleaved rounds.
        if (!SCENARIOS.includes('lookup')) log(await scenarioBaseline());
        break;
      case 'lookup':
        for (const f of await scenarioLookup()) log(f);
        break;
      case 'list':
        log(await scenarioList());
        break;
      case 'hooks':
        for (const f of scenarioHooks()) log(f);
        break;
      default:
        throw new Error(`Unknown scenario "${name}"; scenarios: import, baseline, lookup, list, hooks`);
    }
  }
  const report = {
    startedAt,
    engine,
    machine: machine(),
    settings: { scale: SCALE, duration: DURATION, connections: CONNECTIONS, seed: SEED, rounds: ROUNDS, warmup: WARMUP, batchSize: BATCH_SIZE },
    figures,
  };
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const stamp = startedAt.replace(/[:.]/g, '-');
  writeFileSync(join(dir, `${stamp}.json`), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(dir, `${stamp}.md`), markdown(report));
  writeFileSync(join(dir, 'latest.md'), markdown(report));
  process.stdout.write(markdown(report));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
