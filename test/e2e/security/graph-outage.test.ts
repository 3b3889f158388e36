/**
 * Graph engine outages (issue 6): the server starts without its engine, answers /readyz 503
 * and SERVICE_UNAVAILABLE (never a 500 or a hang), reconnects with backoff, and recovers
 * without a restart — at start and after an outage later on. Real engines: the real
 * neo4j-driver against a closed local port, and a real Grafeo engine behind an outage switch.
 */
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createClient, type Client } from 'graphql-ws';
import pino from 'pino';
import WebSocket from 'ws';
import { startApp, type App } from '../../../src/app';
import { loadConfig } from '../../../src/config/config';
import type { AccessMode, GraphEngine, GraphTransaction, Params, Row } from '../../../src/graph/graph-engine.port';
import { GrafeoEngine } from '../../../src/graph/grafeo/grafeo.engine';
import { GraphUnavailableError } from '../../../src/graph/graph.errors';
import type { CypherQuery } from '../../../src/graph/query-catalogue';
import { postGraphQL } from '../../support/graphql-client';
import { startTestServer, stopAllTestServers, stopTestServer } from '../../support/test-server';

/** Fast retries, so recovery is observed within a bounded poll. */
const FAST_RETRY = { GRAPH_RETRY_INITIAL_MS: '20', GRAPH_RETRY_MAX_MS: '200', GRAPH_HEALTH_CHECK_MS: '50' };

/**
 * A real engine behind a switch: while `down`, every call fails the way an unreachable
 * server does (GraphUnavailableError, as neo4j-errors.ts maps ServiceUnavailable).
 */
class OutageSwitch implements GraphEngine {
  down: boolean;
  constructor(
    private readonly inner: GraphEngine,
    down: boolean,
  ) {
    this.down = down;
  }
  get kind() {
    return this.inner.kind;
  }
  private check(): void {
    if (this.down) throw new GraphUnavailableError('Cannot reach the graph server: connection refused (outage switch)', undefined, 'ServiceUnavailable');
  }
  async read<R extends Row = Row>(query: CypherQuery, params?: Params): Promise<R[]> {
    this.check();
    return this.inner.read<R>(query, params);
  }
  async write<R extends Row = Row>(query: CypherQuery, params?: Params): Promise<R[]> {
    this.check();
    return this.inner.write<R>(query, params);
  }
  async transaction<T>(mode: AccessMode, operation: string, work: (tx: GraphTransaction) => Promise<T>): Promise<T> {
    this.check();
    return this.inner.transaction(mode, operation, work);
  }
  async applySchema(statements: readonly CypherQuery[]): Promise<void> {
    this.check();
    return this.inner.applySchema(statements);
  }
  async ping(): Promise<void> {
    this.check();
    return this.inner.ping();
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

/** Polls `condition` every 20 ms until it holds; fails after `limitMs` (a bound, not a timing assertion). */
async function until(condition: () => Promise<boolean>, what: string, limitMs = 20_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`Still waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const readyz = async (app: App) => {
  const res = await fetch(app.url.replace('/graphql', '/readyz'));
  return { status: res.status, body: (await res.json()) as { ready: boolean; checks: Record<string, string> } };
};
const isReady = async (app: App) => (await readyz(app)).status === 200;

/** A GraphQL POST with its response headers. */
async function post(app: App, query: string) {
  const res = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  const body = (await res.json()) as { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body };
}

function expectUnavailable(result: Awaited<ReturnType<typeof post>>): void {
  expect(result.status).toBe(503);
  expect(Number(result.retryAfter)).toBeGreaterThanOrEqual(1);
  expect(result.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
  expect(result.body.errors?.[0]?.message).not.toMatch(/Cypher|MATCH|stack|at .*\.ts/);
}

const clients: Client[] = [];
function wsClient(app: App): Client {
  const client = createClient({ url: app.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
  clients.push(client);
  return client;
}

/**
 * Subscribes to entityChanged over graphql-ws and writes until the subscriber sees a write
 * (the subscription is registered asynchronously); resolves with the id it saw.
 */
async function subscriberSeesWrites(app: App, name: string): Promise<string> {
  const client = wsClient(app);
  const seen: string[] = [];
  let failure: unknown;
  const unsubscribe = client.subscribe<{ entityChanged: { entity: { id: string } } }>(
    { query: 'subscription { entityChanged { entity { id } } }' },
    {
      next: (value) => {
        if (value.data) seen.push(value.data.entityChanged.entity.id);
        else failure = value.errors;
      },
      error: (error) => (failure = error),
      complete: () => undefined,
    },
  );
  const written: string[] = [];
  try {
    await until(async () => {
      if (failure !== undefined) throw new Error(`subscription failed: ${JSON.stringify(failure)}`);
      const created = await postGraphQL<{ createEntity: { id: string } }, Record<string, never>>(
        app.url,
        `mutation { createEntity(input: { kind: "Person", name: "${name}" }) { id } }`,
      );
      expect(created.errors).toBeUndefined();
      written.push(created.data!.createEntity.id);
      return seen.length > 0;
    }, 'a subscriber sees a write');
  } finally {
    unsubscribe();
  }
  expect(written).toContain(seen[0]);
  return seen[0]!;
}

afterAll(async () => {
  for (const client of clients) await client.dispose();
  await stopAllTestServers();
});

describe('the resilient engine in the server', () => {
  it('keeps the native Grafeo traversal reachable behind it', async () => {
    const app = await startTestServer();
    expect(app.services.network.traversal.mode).toBe('grafeo-native');
    await stopTestServer(app);
  });
});

describe('graph engine unavailable at start', () => {
  it('serves on a Neo4j URL whose port is closed: /readyz 503 with the reason, GraphQL SERVICE_UNAVAILABLE, retries logged, clean shutdown', async () => {
    const port = await closedPort();
    const lines: string[] = [];
    const logger = pino(
      { level: 'info' },
      new Writable({
        write(chunk: Buffer, _enc, done) {
          lines.push(chunk.toString());
          done();
        },
      }),
    );
    const config = loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', GRAPH_URL: `bolt://127.0.0.1:${port}`, ...FAST_RETRY });
    const app = await startApp(config, { logger });
    try {
      const ready = await readyz(app);
      expect(ready.status).toBe(503);
      expect(ready.body.checks.graph).toBe('unavailable');
      expect(ready.body.checks.graphReason).toContain(`127.0.0.1:${port}`);

      expectUnavailable(await post(app, '{ entities(first: 1) { totalCount } }'));
      expectUnavailable(await post(app, 'mutation { createEntity(input: { kind: "Person", name: "Nobody" }) { id } }'));

      // Each attempt is logged with its number and the next delay; several attempts have run.
      await until(async () => lines.filter((l) => l.includes('graph engine unavailable; retrying')).length >= 3, 'three logged retries');
      const retry = JSON.parse(lines.find((l) => l.includes('graph engine unavailable; retrying'))!);
      expect(retry).toMatchObject({ level: 40, attempt: 1, graph: expect.stringContaining(`bolt://127.0.0.1:${port}`) });
      expect(retry.retryInMs).toBeLessThanOrEqual(200);
      expect(await isReady(app)).toBe(false);
    } finally {
      await app.close();
    }
    // Closed: no further attempts are made.
    const count = lines.filter((l) => l.includes('graph engine unavailable; retrying')).length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(lines.filter((l) => l.includes('graph engine unavailable; retrying')).length).toBe(count);
  }, 60_000);

  it('recovers when the engine becomes reachable: ready within the backoff bound, writes, reads and subscriptions work', async () => {
    let outage: OutageSwitch | undefined;
    const app = await startTestServer({
      env: FAST_RETRY,
      wrapEngine: (engine) => (outage = new OutageSwitch(engine, true)),
    });
    expect((await readyz(app)).body.checks.graph).toBe('unavailable');
    expectUnavailable(await post(app, '{ entities(first: 1) { totalCount } }'));
    // A subscription is refused with a typed error over WebSocket too.
    await expect(wsClient(app).iterate({ query: 'subscription { entityChanged { cursor } }' }).next()).rejects.toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'SERVICE_UNAVAILABLE' }) }),
    ]);

    outage!.down = false;
    await until(() => isReady(app), 'ready after the engine came back');
    expect((await readyz(app)).body.checks.graph).toBe('ok');

    // Seeded on connect: the default metamodel is there, so a Person can be created; subscribers see it.
    await subscriberSeesWrites(app, 'Seen after start-up outage');
    const created = await postGraphQL<{ createEntity: { id: string } }, Record<string, never>>(
      app.url,
      'mutation { createEntity(input: { kind: "Person", name: "After start-up outage" }) { id } }',
    );
    expect(created.errors).toBeUndefined();
    const id = created.data!.createEntity.id;
    const read = await postGraphQL<{ entity: { name: string } }, Record<string, never>>(app.url, `{ entity(id: "${id}") { name } }`);
    expect(read.data?.entity.name).toBe('After start-up outage');
    await stopTestServer(app);
  }, 60_000);

  it('waits for an embedded database locked by another holder and starts serving once it is released', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'xrm-lock-')), 'db');
    const holder = new GrafeoEngine(path); // holds the database file's lock, as a running server would
    let holderOpen = true;
    try {
      const app = await startTestServer({ graphUrl: `file:${path}`, env: FAST_RETRY });
      const ready = await readyz(app);
      expect(ready.status).toBe(503);
      expect(ready.body.checks.graphReason).toContain('locked');
      expectUnavailable(await post(app, '{ entities(first: 1) { totalCount } }'));

      await holder.close();
      holderOpen = false;
      await until(() => isReady(app), 'ready once the lock is released');
      const created = await post(app, 'mutation { createEntity(input: { kind: "Person", name: "After the lock" }) { id } }');
      expect(created.status).toBe(200);
      expect(created.body.errors).toBeUndefined();
      await stopTestServer(app);
    } finally {
      if (holderOpen) await holder.close();
    }
  }, 60_000);
});

describe('graph engine lost after start', () => {
  it('goes unready with typed errors during the outage and recovers by itself with the data intact', async () => {
    let outage: OutageSwitch | undefined;
    const app = await startTestServer({ env: FAST_RETRY, wrapEngine: (engine) => (outage = new OutageSwitch(engine, false)) });
    expect(await isReady(app)).toBe(true);
    const before = await postGraphQL<{ createEntity: { id: string } }, Record<string, never>>(
      app.url,
      'mutation { createEntity(input: { kind: "Organization", name: "Survives the outage" }) { id } }',
    );
    const keptId = before.data!.createEntity.id;

    outage!.down = true;
    // The health check (or /readyz itself) notices; readiness flips without any request failing first.
    await until(async () => (await readyz(app)).status === 503, 'not ready during the outage');
    const during = await readyz(app);
    expect(during.body.checks.graph).toBe('unavailable');
    expect(during.body.checks.graphReason).toContain('outage switch');
    expectUnavailable(await post(app, `{ entity(id: "${keptId}") { name } }`));
    await expect(wsClient(app).iterate({ query: 'subscription { entityChanged { cursor } }' }).next()).rejects.toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'SERVICE_UNAVAILABLE' }) }),
    ]);

    outage!.down = false;
    await until(() => isReady(app), 'ready again after the outage');

    const kept = await postGraphQL<{ entity: { name: string } }, Record<string, never>>(app.url, `{ entity(id: "${keptId}") { name } }`);
    expect(kept.data?.entity.name).toBe('Survives the outage');

    // Writes and subscriptions work again.
    await subscriberSeesWrites(app, 'After the outage');
  }, 60_000);
});

/** A local TCP port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}
