/**
 * `npm run bench:fanout` — subscription fan-out under load (not part of `npm test`).
 *
 * For each scenario: a server child process (bench/fanout/fanout-server.ts), N real
 * graphql-ws clients subscribed to `touchpointRecorded` (same document and variables, so
 * the server executes each event once and shares the result), touchpoints recorded over
 * HTTP at a steady rate for the duration. Reports delivery latency p50/p95/p99 (receive
 * time minus the change's `occurredAt`, which is stamped inside the write transaction,
 * so it includes commit, publish, fan-out and the client's parsing), events lost
 * (expected deliveries minus received; must be 0), and the server's RSS and CPU.
 *
 * Env: FANOUT_SUBSCRIBERS (default "1000,10000"), FANOUT_DURATION_S (default 30),
 * FANOUT_RATE (events/s, default 10), FANOUT_REDIS (default "1": also run the
 * two-instance scenario through REDIS_URL, default redis://127.0.0.1:6379), FANOUT_SINGLE
 * (default "1"; "0" skips the one-instance scenarios).
 * Writes bench/results/fanout-<timestamp>.json and .md.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

const SUBSCRIBERS = (process.env.FANOUT_SUBSCRIBERS ?? '1000,10000').split(',').map(Number);
const DURATION_S = Number(process.env.FANOUT_DURATION_S ?? '30');
const RATE = Number(process.env.FANOUT_RATE ?? '10');
const WITH_REDIS = (process.env.FANOUT_REDIS ?? '1') === '1';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const SUBSCRIPTION = `subscription Feed($filter: TouchpointRecordedFilter) {
  touchpointRecorded(filter: $filter) { cursor eventId occurredAt touchpoint { id channel sentiment participants { entityId } } }
}`;

interface ServerStats {
  rss: number;
  cpu: { user: number; system: number };
  shared: { executions: number; reused: number }[];
  positions: number[];
  bus: unknown[];
}

interface Result {
  scenario: string;
  subscribers: number;
  instances: number;
  durationS: number;
  ratePerS: number;
  events: number;
  expectedDeliveries: number;
  received: number;
  lost: number;
  duplicates: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  serverRssMiB: number;
  serverCpuPercent: number;
  /** CPU of this process (the clients), % of one core: high values mean the clients, not the server, bound latency. */
  clientCpuPercent: number;
  executions: number;
  reusedExecutions: number;
  connectSeconds: number;
  subscriptionErrors: number;
}

function startServer(instances: number): Promise<{ child: ChildProcess; ports: number[] }> {
  const child = fork(join(__dirname, 'fanout-server.ts'), [], {
    // FANOUT_PROFILE=1 writes the server's CPU profile (--cpu-prof) to bench/results/.
    execArgv: ['--import', 'tsx', ...(process.env.FANOUT_PROFILE === '1' ? ['--cpu-prof', `--cpu-prof-dir=${join(__dirname, '..', 'results')}`] : [])],
    env: { ...process.env, INSTANCES: String(instances), ...(instances > 1 ? { REDIS_URL } : { REDIS_URL: '' }) },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('{"ports"'));
      if (line) resolve({ child, ports: (JSON.parse(line) as { ports: number[] }).ports });
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

function stats(child: ChildProcess): Promise<ServerStats> {
  return new Promise((resolve) => {
    child.once('message', (m) => resolve(m as ServerStats));
    child.send('stats');
  });
}

async function gql<T>(port: number, query: string, variables: Record<string, unknown>): Promise<T> {
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown };
  if (!body.data) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function run(subscribers: number, instances: number): Promise<Result> {
  const scenario = `${subscribers} subscribers, ${instances} instance${instances > 1 ? 's (Redis)' : ''}`;
  process.stderr.write(`\n== ${scenario}\n`);
  const { child, ports } = await startServer(instances);
  const writePort = ports[0];
  const subscribePort = ports[ports.length - 1];
  if (writePort === undefined || subscribePort === undefined) throw new Error('the server reported no port');
  const person = await gql<{ createEntity: { id: string } }>(writePort, 'mutation($i: CreateEntityInput!) { createEntity(input: $i) { id } }', {
    i: { kind: 'Person', name: 'Bench Person' },
  });
  const participant = person.createEntity.id;

  // Per client: cursors received (for loss and duplicates) and latencies.
  const latencies: number[] = [];
  let received = 0;
  let duplicates = 0;
  let measuring = false;
  let closes = 0;
  let lastClose = '';
  let subscriptionErrors = 0;
  const clients: Client[] = [];
  const seen: Set<string>[] = [];
  const connectStart = Date.now();
  const BATCH = 100;
  for (let i = 0; i < subscribers; i += BATCH) {
    const batch: Promise<void>[] = [];
    for (let j = i; j < Math.min(subscribers, i + BATCH); j++) {
      const mine = new Set<string>();
      seen.push(mine);
      // Retries: on a loaded machine a client may miss the server's 3 s connection_init window (4408).
      const client = createClient({ url: `ws://127.0.0.1:${subscribePort}/graphql`, webSocketImpl: WebSocket, retryAttempts: 5, lazy: false });
      clients.push(client);
      batch.push(
        new Promise<void>((resolve) => {
          const offs = [
            client.on('connected', () => done()),
            client.on('closed', (event) => {
              closes += 1;
              lastClose = String((event as { code?: number }).code);
            }),
          ];
          const done = () => {
            offs[0]?.();
            resolve();
          };
        }),
      );
      client.subscribe<{ touchpointRecorded: { cursor: string; occurredAt: string } }>(
        { query: SUBSCRIPTION, variables: { filter: { participantIds: [participant], channels: ['EMAIL'] } } },
        {
          next: (result) => {
            const change = result.data?.touchpointRecorded;
            if (!change) return;
            if (mine.has(change.cursor)) duplicates += 1;
            mine.add(change.cursor);
            if (!measuring) return;
            received += 1;
            latencies.push(Date.now() - Date.parse(change.occurredAt));
          },
          error: () => (subscriptionErrors += 1),
          complete: () => undefined,
        },
      );
    }
    await Promise.all(batch);
  }
  const connectSeconds = (Date.now() - connectStart) / 1000;
  process.stderr.write(`connected ${subscribers} clients in ${connectSeconds.toFixed(1)} s (${closes} closes, last code ${lastClose || '-'}; ${subscriptionErrors} subscription errors)\n`);

  const record = () =>
    gql(writePort, 'mutation($i: RecordTouchpointInput!) { recordTouchpoint(input: $i) { id } }', {
      i: { channel: 'EMAIL', direction: 'INBOUND', occurredAt: new Date().toISOString(), sentiment: 0.5, participants: [{ entityId: participant }] },
    });
  // Warm-up: every subscriber must have one event before measuring (all subscriptions are live).
  await record();
  const warmDeadline = Date.now() + 60_000;
  while (seen.some((s) => s.size === 0) && Date.now() < warmDeadline) await new Promise((r) => setTimeout(r, 100));
  const notReady = seen.filter((s) => s.size === 0).length;
  if (notReady > 0) process.stderr.write(`warning: ${notReady} subscribers got no warm-up event; server: ${JSON.stringify(await stats(child))}\n`);

  const before = await stats(child);
  const clientBefore = process.cpuUsage();
  const t0 = Date.now();
  measuring = true;
  let events = 0;
  const interval = 1000 / RATE;
  const end = t0 + DURATION_S * 1000;
  while (Date.now() < end) {
    const due = t0 + events * interval;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    await record();
    events += 1;
  }
  // Let deliveries finish (bounded).
  const expected = events * subscribers;
  const drainDeadline = Date.now() + 30_000;
  while (received < expected && Date.now() < drainDeadline) await new Promise((r) => setTimeout(r, 100));
  const wall = (Date.now() - t0) / 1000;
  const after = await stats(child);
  const clientCpu = process.cpuUsage(clientBefore);
  const cpuSeconds = (after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system) / 1e6;

  await Promise.all(clients.map((c) => Promise.resolve(c.dispose())));
  child.send('stop');
  await new Promise((r) => child.once('exit', r));

  latencies.sort((a, b) => a - b);
  const sum = (s: ServerStats, k: 'executions' | 'reused') => s.shared.reduce((n, x) => n + x[k], 0);
  const result: Result = {
    scenario,
    subscribers,
    instances,
    durationS: DURATION_S,
    ratePerS: RATE,
    events,
    expectedDeliveries: expected,
    received,
    lost: expected - received,
    duplicates,
    latencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), max: latencies[latencies.length - 1] ?? NaN },
    serverRssMiB: Math.round(after.rss / 2 ** 20),
    serverCpuPercent: Math.round((cpuSeconds / wall) * 1000) / 10,
    clientCpuPercent: Math.round(((clientCpu.user + clientCpu.system) / 1e6 / wall) * 1000) / 10,
    executions: sum(after, 'executions') - sum(before, 'executions'),
    reusedExecutions: sum(after, 'reused') - sum(before, 'reused'),
    connectSeconds,
    subscriptionErrors,
  };
  process.stderr.write(`${JSON.stringify(result)}\n`);
  return result;
}

async function main(): Promise<void> {
  const results: Result[] = [];
  if (process.env.FANOUT_SINGLE !== '0') for (const n of SUBSCRIBERS) results.push(await run(n, 1));
  if (WITH_REDIS) for (const n of SUBSCRIBERS) results.push(await run(n, 2));
  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  };
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const dir = join(__dirname, '..', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `fanout-${stamp}.json`), `${JSON.stringify({ machine, results }, null, 2)}\n`);
  const md = [
    `# Subscription fan-out, ${new Date().toISOString()}`,
    '',
    `Machine: ${machine.cpus} CPU (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}. Clients and server on the same machine.`,
    `Load: touchpoints at ${RATE}/s for ${DURATION_S} s; every subscriber has the same document and variables.`,
    '',
    '| scenario | events | deliveries | lost | dup | p50 ms | p95 ms | p99 ms | max ms | server RSS MiB | server CPU % | client CPU % | executions | shared |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.scenario} | ${r.events} | ${r.received}/${r.expectedDeliveries} | ${r.lost} | ${r.duplicates} | ${r.latencyMs.p50} | ${r.latencyMs.p95} | ${r.latencyMs.p99} | ${r.latencyMs.max} | ${r.serverRssMiB} | ${r.serverCpuPercent} | ${r.clientCpuPercent} | ${r.executions} | ${r.reusedExecutions} |`,
    ),
    '',
  ].join('\n');
  writeFileSync(join(dir, `fanout-${stamp}.md`), md);
  process.stdout.write(`${md}\n`);
  const lost = results.reduce((n, r) => n + r.lost, 0);
  if (lost > 0) process.exitCode = 1;
}

void main();
