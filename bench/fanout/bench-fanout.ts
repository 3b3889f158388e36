/**
 * `npm run bench:fanout` — subscription fan-out under load (not part of `npm test`).
 *
 * For each scenario: a server child process (bench/fanout/fanout-server.ts), N WebSocket
 * subscribers speaking graphql-transport-ws, spread over FANOUT_CLIENT_PROCESSES client
 * processes (bench/fanout/fanout-clients.ts), subscribed to `touchpointRecorded` (same
 * document and variables, so the server executes each event once, serialises the result
 * once and sends those bytes to every socket), touchpoints recorded over
 * HTTP at a steady rate for the duration. Reports delivery latency p50/p95/p99 (receive
 * time minus the change's `occurredAt`, which is stamped inside the write transaction,
 * so it includes commit, publish, fan-out and the client's parsing), events lost
 * (expected deliveries minus received; must be 0), and the server's RSS and CPU.
 *
 * Env: FANOUT_SUBSCRIBERS (default "1000,10000"), FANOUT_DURATION_S (default 30),
 * FANOUT_RATE (events/s, default 10), FANOUT_REDIS (default "1": also run the
 * two-instance scenario through REDIS_URL, default redis://127.0.0.1:6379), FANOUT_SINGLE
 * (default "1"; "0" skips the one-instance scenarios), FANOUT_CLIENT_PROCESSES (default 2),
 * FANOUT_PROFILE=1 (server CPU profile of each scenario's measured window, not the
 * connection set-up, into FANOUT_PROFILE_DIR, default bench/results/),
 * FANOUT_SERVER_NODE_FLAGS (extra node flags for the server process, e.g. --trace-gc).
 * Writes bench/results/fanout-<timestamp>.json and .md.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

const SUBSCRIBERS = (process.env.FANOUT_SUBSCRIBERS ?? '1000,10000').split(',').map(Number);
const DURATION_S = Number(process.env.FANOUT_DURATION_S ?? '30');
const RATE = Number(process.env.FANOUT_RATE ?? '10');
const WITH_REDIS = (process.env.FANOUT_REDIS ?? '1') === '1';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const CLIENT_PROCESSES = Number(process.env.FANOUT_CLIENT_PROCESSES ?? '2');

const SUBSCRIPTION = `subscription Feed($filter: TouchpointRecordedFilter) {
  touchpointRecorded(filter: $filter) { cursor eventId occurredAt touchpoint { id channel sentiment participants { entityId } } }
}`;

interface ServerStats {
  rss: number;
  cpu: { user: number; system: number };
  shared: { executions: number; reused: number; serialised?: number; serialisedReused?: number }[];
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
  /** Server CPU time per delivery, µs: less sensitive to machine load than latency (includes the writes' own handling). */
  serverCpuUsPerDelivery: number;
  /** CPU of the client processes together, % of one core: high values mean the clients, not the server, bound latency. */
  clientCpuPercent: number;
  clientProcesses: number;
  executions: number;
  reusedExecutions: number;
  /** `next` payloads serialised, and sent as the same bytes to further sockets. */
  serialised: number;
  serialisedReused: number;
  connectSeconds: number;
  subscriptionErrors: number;
}

function startServer(instances: number, profile: string | undefined): Promise<{ child: ChildProcess; ports: number[] }> {
  const child = fork(join(__dirname, 'fanout-server.ts'), [], {
    // FANOUT_SERVER_NODE_FLAGS: extra node flags for the server only (e.g. --trace-gc, with FANOUT_LOG_LEVEL set to see its output).
    execArgv: ['--import', 'tsx', ...(process.env.FANOUT_SERVER_NODE_FLAGS ?? '').split(' ').filter(Boolean)],
    // FANOUT_PROFILE (a file path) makes the server record a CPU profile between 'profile-start' and 'profile-stop'.
    env: { ...process.env, INSTANCES: String(instances), FANOUT_PROFILE: profile ?? '', ...(instances > 1 ? { REDIS_URL } : { REDIS_URL: '' }) },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (process.env.FANOUT_LOG_LEVEL) process.stderr.write(chunk); // the server's log (FANOUT_LOG_LEVEL=warn …)
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

/** Sends `command` to the server process and waits for `reply`. */
function tell(child: ChildProcess, command: string, reply: string): Promise<void> {
  return new Promise((resolve) => {
    const onMessage = (m: unknown) => {
      if (m !== reply) return;
      child.off('message', onMessage);
      resolve();
    };
    child.on('message', onMessage);
    child.send(command);
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

/** A client child process (fanout-clients.ts) and a request/answer helper over its IPC channel. */
interface ClientProcess {
  child: ChildProcess;
  ask<T>(cmd: string, key: string): Promise<T>;
}

function startClients(url: string, count: number, variables: Record<string, unknown>): Promise<ClientProcess> {
  const child = fork(join(__dirname, 'fanout-clients.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, FANOUT_URL: url, FANOUT_COUNT: String(count), FANOUT_QUERY: SUBSCRIPTION, FANOUT_VARIABLES: JSON.stringify(variables) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ask = <T>(cmd: string, key: string) =>
    new Promise<T>((resolve) => {
      const onMessage = (m: unknown) => {
        if (typeof m === 'object' && m !== null && key in m) {
          child.off('message', onMessage);
          resolve(m as T);
        }
      };
      child.on('message', onMessage);
      child.send({ cmd });
    });
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve({ child, ask }));
    child.once('exit', (code) => reject(new Error(`client process exited with ${code}`)));
  });
}

interface ClientReport {
  received: number;
  duplicates: number;
  errors: number;
  closes: number;
  buckets: [number, number][];
  cpuSeconds: number;
}

async function run(subscribers: number, instances: number): Promise<Result> {
  const scenario = `${subscribers} subscribers, ${instances} instance${instances > 1 ? 's (Redis)' : ''}`;
  process.stderr.write(`\n== ${scenario}\n`);
  const profile =
    process.env.FANOUT_PROFILE === '1'
      ? join(process.env.FANOUT_PROFILE_DIR ?? join(__dirname, '..', 'results'), `fanout-${new Date().toISOString().replace(/[:.]/g, '-')}-${subscribers}x${instances}.cpuprofile`)
      : undefined;
  const { child, ports } = await startServer(instances, profile);
  const writePort = ports[0];
  const subscribePort = ports[ports.length - 1];
  if (writePort === undefined || subscribePort === undefined) throw new Error('the server reported no port');
  const person = await gql<{ createEntity: { id: string } }>(writePort, 'mutation($i: CreateEntityInput!) { createEntity(input: $i) { id } }', {
    i: { kind: 'Person', name: 'Bench Person' },
  });
  const participant = person.createEntity.id;

  // Subscribers spread over client processes (every one with the same document and variables).
  const connectStart = Date.now();
  const processes = Math.max(1, Math.min(CLIENT_PROCESSES, subscribers));
  const clients: ClientProcess[] = [];
  for (let p = 0; p < processes; p++) {
    const count = Math.floor(subscribers / processes) + (p < subscribers % processes ? 1 : 0);
    clients.push(await startClients(`ws://127.0.0.1:${subscribePort}/graphql`, count, { filter: { participantIds: [participant], channels: ['EMAIL'] } }));
  }
  const connectSeconds = (Date.now() - connectStart) / 1000;
  process.stderr.write(`connected ${subscribers} clients over ${processes} client processes in ${connectSeconds.toFixed(1)} s\n`);
  const all = <T>(cmd: string, key: string) => Promise.all(clients.map((c) => c.ask<T>(cmd, key)));

  const record = () =>
    gql(writePort, 'mutation($i: RecordTouchpointInput!) { recordTouchpoint(input: $i) { id } }', {
      i: { channel: 'EMAIL', direction: 'INBOUND', occurredAt: new Date().toISOString(), sentiment: 0.5, participants: [{ entityId: participant }] },
    });
  // Warm-up: every subscriber must have one event before measuring (all subscriptions are live).
  await record();
  const warmDeadline = Date.now() + 60_000;
  let warm = 0;
  while (Date.now() < warmDeadline) {
    warm = (await all<{ warm: number }>('warm', 'warm')).reduce((n, r) => n + r.warm, 0);
    if (warm >= subscribers) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  if (warm < subscribers) process.stderr.write(`warning: ${subscribers - warm} subscribers got no warm-up event; server: ${JSON.stringify(await stats(child))}\n`);

  if (profile) await tell(child, 'profile-start', 'profiling');
  const before = await stats(child);
  await all('start', 'started');
  const t0 = Date.now();
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
  while (Date.now() < drainDeadline) {
    const got = (await all<{ received: number }>('count', 'received')).reduce((n, r) => n + r.received, 0);
    if (got >= expected) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const wall = (Date.now() - t0) / 1000;
  const after = await stats(child);
  if (profile) {
    await tell(child, 'profile-stop', 'profiled');
    process.stderr.write(`server CPU profile of the measured window: ${profile}\n`);
  }
  const reports = await all<ClientReport>('stop', 'buckets');
  const cpuSeconds = (after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system) / 1e6;

  for (const c of clients) {
    c.child.send({ cmd: 'exit' });
    await new Promise((r) => c.child.once('exit', r));
  }
  child.send('stop');
  await new Promise((r) => child.once('exit', r));

  // Merge the 1 ms histograms.
  const counts = new Map<number, number>();
  for (const r of reports) for (const [ms, n] of r.buckets) counts.set(ms, (counts.get(ms) ?? 0) + n);
  const sorted = [...counts].sort((a, b) => a[0] - b[0]);
  const received = reports.reduce((n, r) => n + r.received, 0);
  const percentile = (p: number) => {
    const rank = Math.min(received - 1, Math.floor((p / 100) * received));
    let seen = 0;
    for (const [ms, n] of sorted) {
      seen += n;
      if (seen > rank) return ms;
    }
    return NaN;
  };
  const sum = (s: ServerStats, k: keyof ServerStats['shared'][number]) => s.shared.reduce((n, x) => n + (x[k] ?? 0), 0);
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
    duplicates: reports.reduce((n, r) => n + r.duplicates, 0),
    latencyMs: { p50: percentile(50), p95: percentile(95), p99: percentile(99), max: sorted[sorted.length - 1]?.[0] ?? NaN },
    serverRssMiB: Math.round(after.rss / 2 ** 20),
    serverCpuPercent: Math.round((cpuSeconds / wall) * 1000) / 10,
    serverCpuUsPerDelivery: received > 0 ? Math.round((cpuSeconds * 1e6) / received) : NaN,
    clientCpuPercent: Math.round((reports.reduce((n, r) => n + r.cpuSeconds, 0) / wall) * 1000) / 10,
    clientProcesses: processes,
    executions: sum(after, 'executions') - sum(before, 'executions'),
    reusedExecutions: sum(after, 'reused') - sum(before, 'reused'),
    serialised: sum(after, 'serialised') - sum(before, 'serialised'),
    serialisedReused: sum(after, 'serialisedReused') - sum(before, 'serialisedReused'),
    connectSeconds,
    subscriptionErrors: reports.reduce((n, r) => n + r.errors, 0),
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
    ...(process.env.FANOUT_SERVER_NODE_FLAGS ? [`Server node flags: ${process.env.FANOUT_SERVER_NODE_FLAGS}.`] : []),
    '',
    '| scenario | events | deliveries | lost | dup | p50 ms | p95 ms | p99 ms | max ms | server RSS MiB | server CPU % | server CPU µs / delivery | client CPU % (procs) | executions / shared | serialised / reused |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.scenario} | ${r.events} | ${r.received}/${r.expectedDeliveries} | ${r.lost} | ${r.duplicates} | ${r.latencyMs.p50} | ${r.latencyMs.p95} | ${r.latencyMs.p99} | ${r.latencyMs.max} | ${r.serverRssMiB} | ${r.serverCpuPercent} | ${r.serverCpuUsPerDelivery} | ${r.clientCpuPercent} (${r.clientProcesses}) | ${r.executions} / ${r.reusedExecutions} | ${r.serialised} / ${r.serialisedReused} |`,
    ),
    '',
  ].join('\n');
  writeFileSync(join(dir, `fanout-${stamp}.md`), md);
  process.stdout.write(`${md}\n`);
  const lost = results.reduce((n, r) => n + r.lost, 0);
  if (lost > 0) process.exitCode = 1;
}

void main();
