/** ResilientEngine on a real Grafeo engine: the connection state machine behind /readyz and SERVICE_UNAVAILABLE. */
import { GrafeoEngine } from '../../../src/graph/grafeo/grafeo.engine';
import type { GraphEngine } from '../../../src/graph/graph-engine.port';
import { GraphEngineError, GraphUnavailableError } from '../../../src/graph/graph.errors';
import { QueryCatalogue } from '../../../src/graph/query-catalogue';
import { ResilientEngine, type ResilientEngineOptions } from '../../../src/graph/resilient.engine';
import { createLogger } from '../../../src/logger';

const catalogue = new QueryCatalogue();
const ping = catalogue.get('metamodel/get-seed-marker');
const opened: ResilientEngine[] = [];
afterAll(async () => {
  for (const engine of opened) await engine.close();
});

/** A connector to a real in-memory Grafeo that fails like an unreachable server while `down`. */
function connector(initiallyDown: boolean) {
  const state = { down: initiallyDown, calls: 0, engines: [] as GrafeoEngine[] };
  const connect = async (): Promise<GraphEngine> => {
    state.calls += 1;
    if (state.down) throw new GraphUnavailableError('Cannot reach the server: connection refused', undefined, 'ServiceUnavailable');
    const engine = new GrafeoEngine(null);
    await engine.applySchema(catalogue.statements('schema/grafeo'));
    state.engines.push(engine);
    return engine;
  };
  return { state, connect };
}

/** `inner`, failing every call like a lost Neo4j session while `down()` holds. */
function switchable(inner: GraphEngine, down: () => boolean): GraphEngine {
  const check = () => {
    if (down()) throw new GraphUnavailableError('Session expired', undefined, 'SessionExpired');
  };
  return {
    kind: inner.kind,
    read: async (q, p) => (check(), inner.read(q, p)),
    write: async (q, p) => (check(), inner.write(q, p)),
    transaction: async (m, o, w) => (check(), inner.transaction(m, o, w)),
    applySchema: async (s) => (check(), inner.applySchema(s)),
    ping: async () => (check(), inner.ping()),
    close: () => inner.close(),
  };
}

function resilient(options: Partial<ResilientEngineOptions> & Pick<ResilientEngineOptions, 'connect'>): ResilientEngine {
  const engine = new ResilientEngine({
    kind: 'grafeo',
    backoff: { initialMs: 5, maxMs: 40 },
    healthCheckMs: 0,
    logger: createLogger('silent'),
    target: 'grafeo (test)',
    ...options,
  });
  opened.push(engine);
  return engine;
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Still waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('ResilientEngine', () => {
  it('rejects statements at once while unreachable, keeps retrying, then runs the start-up tasks once and serves', async () => {
    const { state, connect } = connector(true);
    let tasks = 0;
    const engine = resilient({ connect, onFirstConnect: async () => void (tasks += 1) });
    expect(await engine.connect()).toBe(false);
    expect(await engine.start()).toBe(false);
    expect(engine.status()).toMatchObject({ state: 'connecting', reason: expect.stringContaining('connection refused'), attempts: 1 });
    await expect(engine.read(ping)).rejects.toBeInstanceOf(GraphUnavailableError);
    await expect(engine.ping()).rejects.toBeInstanceOf(GraphUnavailableError);
    await until(() => state.calls >= 3, 'three attempts');

    state.down = false;
    await until(() => engine.status().state === 'ready', 'ready');
    expect(tasks).toBe(1);
    expect(engine.status()).toEqual({ state: 'ready', reason: undefined, attempts: 0, retryInMs: undefined });
    await expect(engine.read(ping)).resolves.toEqual(expect.any(Array));
  });

  it('connects without running the start-up tasks until start(), exposing the native engine', async () => {
    const { state, connect } = connector(false);
    let tasks = 0;
    const engine = resilient({ connect, onFirstConnect: async () => void (tasks += 1) });
    expect(await engine.connect()).toBe(true);
    expect(engine.current).toBe(state.engines[0]);
    expect(engine.status().state).toBe('starting');
    expect(tasks).toBe(0);
    expect(await engine.start()).toBe(true);
    expect(tasks).toBe(1);
    expect(state.calls).toBe(1);
  });

  it('fails the first attempt for an error that retrying would not fix', async () => {
    const engine = resilient({
      connect: () => Promise.reject(new GraphEngineError('schema statement failed', 'schema/grafeo', 'X')),
    });
    await expect(engine.start()).rejects.toThrow('schema statement failed');
  });

  it('marks a ready engine lost when a statement finds it unreachable, refuses at once, and recovers by probing', async () => {
    const { state, connect } = connector(false);
    let outage = false;
    const engine = resilient({
      connect: async () => switchable(await connect(), () => outage),
    });
    expect(await engine.start()).toBe(true);
    outage = true;
    await expect(engine.read(ping)).rejects.toThrow('Session expired');
    expect(engine.status()).toMatchObject({ state: 'lost', attempts: 1 });
    // Refused by the wrapper itself now, without reaching the engine.
    await expect(engine.write(ping)).rejects.toThrow(/unavailable: Session expired/);
    outage = false;
    await until(() => engine.status().state === 'ready', 'ready again');
    expect(state.calls).toBe(1); // recovered by pinging the same engine, not by reconnecting
  });

  it('notices an outage with the health check alone', async () => {
    const { connect } = connector(false);
    let outage = false;
    const engine = resilient({
      healthCheckMs: 5,
      connect: async () => switchable(await connect(), () => outage),
    });
    expect(await engine.start()).toBe(true);
    outage = true;
    await until(() => engine.status().state === 'lost', 'lost');
    outage = false;
    await until(() => engine.status().state === 'ready', 'ready again');
  });

  it('stops retrying when closed', async () => {
    const { state, connect } = connector(true);
    const engine = resilient({ connect });
    await engine.start();
    await until(() => state.calls >= 2, 'a retry');
    await engine.close();
    const calls = state.calls;
    expect(engine.status().state).toBe('closed');
    await expect(engine.read(ping)).rejects.toThrow(/closed/);
    state.down = false;
    await new Promise((resolve) => setTimeout(resolve, 100)); // longer than the largest delay (40 ms)
    expect(state.calls).toBe(calls);
  });
});
