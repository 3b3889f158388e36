/**
 * A client process of `npm run bench:fanout`: opens COUNT WebSocket subscribers speaking
 * the graphql-transport-ws protocol directly over `ws` (no graphql-ws client: at 10,000
 * subscribers its per-socket machinery made the single client process the bottleneck),
 * each parsing every message with JSON.parse as a real client would.
 *
 * IPC from the parent: `{ cmd: 'start' }` starts measuring (answers `{ started }`),
 * `{ cmd: 'count' }` answers the deliveries so far, `{ cmd: 'stop' }` ends it and
 * answers with a latency histogram (1 ms buckets), deliveries, duplicates, out-of-order
 * deliveries and this process's CPU time; `{ cmd: 'warm' }` answers how many subscribers
 * got at least one event; `{ cmd: 'exit' }` closes everything.
 * Env: FANOUT_URL, FANOUT_COUNT, FANOUT_QUERY, FANOUT_VARIABLES (JSON).
 */
import WebSocket from 'ws';

const URL_ = process.env.FANOUT_URL ?? '';
const COUNT = Number(process.env.FANOUT_COUNT ?? '0');
const QUERY = process.env.FANOUT_QUERY ?? '';
const VARIABLES = JSON.parse(process.env.FANOUT_VARIABLES ?? '{}') as Record<string, unknown>;
const MAX_MS = 120_000;

const histogram = new Uint32Array(MAX_MS + 1);
let measuring = false;
let received = 0;
let duplicates = 0;
let errors = 0;
let closes = 0;
let cpuAtStart = process.cpuUsage();
const sockets: WebSocket[] = [];
const lastSeq = new Float64Array(COUNT);

interface NextMessage {
  id?: string;
  type: string;
  payload?: { data?: { touchpointRecorded?: { cursor: string; occurredAt: string } }; errors?: unknown[] };
}

function open(index: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(URL_, 'graphql-transport-ws');
    sockets.push(socket);
    let acked = false;
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init' })));
    socket.on('error', (error) => (acked ? undefined : reject(error)));
    socket.on('close', () => {
      closes += 1;
      if (!acked) reject(new Error(`closed before connection_ack`));
    });
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as NextMessage;
      if (message.type === 'next') {
        const change = message.payload?.data?.touchpointRecorded;
        if (!change) {
          errors += 1;
          return;
        }
        const seq = Number(change.cursor);
        if (seq <= (lastSeq[index] ?? 0)) {
          duplicates += 1;
          return;
        }
        lastSeq[index] = seq;
        if (!measuring) return;
        received += 1;
        const bucket = Math.max(0, Math.min(MAX_MS, Date.now() - Date.parse(change.occurredAt)));
        histogram[bucket] = (histogram[bucket] ?? 0) + 1;
      } else if (message.type === 'connection_ack') {
        acked = true;
        socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: QUERY, variables: VARIABLES } }));
        resolve();
      } else if (message.type === 'ping') socket.send(JSON.stringify({ type: 'pong' }));
      else if (message.type === 'error' || message.type === 'complete') errors += 1;
    });
  });
}

async function main(): Promise<void> {
  const BATCH = 200;
  for (let i = 0; i < COUNT; i += BATCH) {
    const batch: Promise<void>[] = [];
    for (let j = i; j < Math.min(COUNT, i + BATCH); j++) batch.push(open(j));
    await Promise.all(batch);
  }
  process.on('message', (message: { cmd: string }) => {
    if (message.cmd === 'warm') process.send?.({ warm: lastSeq.filter((s) => s > 0).length, errors, closes });
    if (message.cmd === 'start') {
      cpuAtStart = process.cpuUsage();
      measuring = true;
      process.send?.({ started: true });
    }
    if (message.cmd === 'count') process.send?.({ received });
    if (message.cmd === 'stop') {
      measuring = false;
      const cpu = process.cpuUsage(cpuAtStart);
      const buckets: [number, number][] = [];
      histogram.forEach((n, ms) => (n > 0 ? buckets.push([ms, n]) : undefined));
      process.send?.({ received, duplicates, errors, closes, buckets, cpuSeconds: (cpu.user + cpu.system) / 1e6 });
    }
    if (message.cmd === 'exit') {
      for (const socket of sockets) socket.terminate();
      process.exit(0);
    }
  });
  process.send?.({ ready: COUNT });
}

main().catch((error: unknown) => {
  process.stderr.write(`client process failed: ${String(error)}\n`);
  process.exit(1);
});
