/**
 * `npm run bench` — the benchmark harness (not part of `npm test`). Runs named scenarios
 * on one engine and writes a JSON and a Markdown report to bench/results/.
 *
 *   npm run bench -- [--scenarios=import,baseline,lookup,list,hooks] [--scale=small|medium|large]
 *                    [--duration=10] [--connections=10] [--seed=1]
 *
 * GRAPH_URL picks the engine (default memory:, the embedded Grafeo in memory; a
 * neo4j:// URL benches Neo4j, which should be empty). Scenarios:
 * - import: loads the demo network of --scale through the batched import path:
 *   entities/s, relationships/s, and batch latency percentiles.
 * - baseline: a bare Apollo Server answering a constant `hello`, under autocannon.
 * - lookup: `entity(id)` over HTTP against the real server, under autocannon; reported
 *   also as a ratio to the baseline's throughput (target ≥ 0.8).
 * - list: the first page of `entities` (20), under autocannon.
 * - hooks: runs the other benches when present (bench/network for 360° view, 2-hop
 *   neighbourhood, shortest path and analytics; bench/fanout for subscriptions) and
 *   attaches their output.
 */
import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, platform, release } from 'node:os';
import { join } from 'node:path';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import autocannon from 'autocannon';
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

/** Runs autocannon against a GraphQL endpoint with the given bodies (cycled). */
async function load(url: string, bodies: string[]): Promise<{ requestsPerSecond: number; latencyMs: Percentiles; errors: number; non2xx: number }> {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let next = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        connections: CONNECTIONS,
        duration: DURATION,
        requests: [{ setupRequest: (req) => ({ ...req, body: bodies[next++ % bodies.length] }) }],
      },
      (error: unknown, done) => (error ? reject(error instanceof Error ? error : new Error('autocannon failed')) : resolve(done)),
    );
    instance.on('response', (_client, status: number, _bytes, responseTime: number) => {
      latencies.push(responseTime);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    });
  });
  if (result.non2xx > 0) process.stderr.write(`warning: non-2xx responses by status: ${JSON.stringify(Object.fromEntries(statuses))}\n`);
  return {
    requestsPerSecond: round(result.requests.average, 0),
    latencyMs: percentiles(latencies),
    errors: result.errors,
    non2xx: result.non2xx,
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
      batchSize: 5000,
      batchLatencyMs: percentiles(batchTimes),
      targetRelationshipsPerSecond: 50_000,
    };
  } finally {
    await app.close();
  }
}

async function scenarioBaseline(): Promise<Figure> {
  const server = new ApolloServer({ typeDefs: 'type Query { hello: String! }', resolvers: { Query: { hello: () => 'world' } } });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  try {
    return { scenario: 'baseline', description: 'bare Apollo Server, constant hello', ...(await load(url, [JSON.stringify({ query: '{ hello }' })])) };
  } finally {
    await server.stop();
  }
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

async function scenarioLookup(baseline: Figure | undefined): Promise<Figure> {
  return withDemoServer(async (app, ids) => {
    const query = 'query ($id: ID!) { entity(id: $id) { id kind name version } }';
    const figures = await load(app.url, ids.map((id) => JSON.stringify({ query, variables: { id } })));
    const base = baseline?.requestsPerSecond;
    return {
      scenario: 'lookup',
      description: 'entity(id) over HTTP, 100 ids cycled, demo small',
      ...figures,
      ratioToBaseline: typeof base === 'number' && base > 0 ? round(figures.requestsPerSecond / base) : null,
      targetRatio: 0.8,
    };
  });
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
    `HTTP load: autocannon, ${CONNECTIONS} connections, ${DURATION} s per scenario.`,
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
      notes = `${String(f.entities)} entities, ${String(f.relationships)} relationships (demo ${String(f.scale)}); latency per 5,000-row batch; target 50,000 rel/s`;
    } else if (typeof f.requestsPerSecond === 'number') {
      throughput = `${f.requestsPerSecond} req/s`;
      notes = [f.description, typeof f.ratioToBaseline === 'number' ? `ratio to baseline ${f.ratioToBaseline} (target 0.8)` : '', typeof f.errors === 'number' && f.errors > 0 ? `${f.errors} errors` : '']
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
  let baseline: Figure | undefined;
  for (const name of SCENARIOS) {
    switch (name) {
      case 'import':
        log(await scenarioImport());
        break;
      case 'baseline':
        baseline = await scenarioBaseline();
        log(baseline);
        break;
      case 'lookup':
        log(await scenarioLookup(baseline));
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
  const report = { startedAt, engine, machine: machine(), settings: { scale: SCALE, duration: DURATION, connections: CONNECTIONS, seed: SEED }, figures };
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
