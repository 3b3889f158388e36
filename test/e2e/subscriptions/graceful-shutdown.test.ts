import { print } from 'graphql';
import { createClient as sseClient } from 'graphql-sse';
import { CreateEntityDocument, OnEntityChangedDocument } from '../../generated/graphql';
import { postGraphQL } from '../../support/graphql-client';
import type { AccessMode, GraphTransaction } from '../../../src/graph/graph-engine.port';
import { CountingEngine } from '../../support/counting-engine';
import { startTestServer, stopAllTestServers, stopTestServer } from '../../support/test-server';
import { Subscribed, wsClient } from './subscription-client';

// Servers start and stop in these tests: allow for a loaded machine.
jest.setTimeout(30_000);

afterAll(stopAllTestServers);

describe('graceful shutdown', () => {
  it('closes graphql-ws subscriptions with 1001 (going away) and ends SSE streams, well within the grace period', async () => {
    const app = await startTestServer({ env: { SHUTDOWN_GRACE_MS: '20000' } });

    const closeCodes: number[] = [];
    let connected!: () => void;
    const isConnected = new Promise<void>((resolve) => (connected = resolve));
    const ws = wsClient(app.url, {
      on: {
        connected: () => connected(),
        closed: (event) => closeCodes.push((event as { code: number }).code),
      },
    });
    const subscription = new Subscribed(ws, OnEntityChangedDocument);
    await isConnected;

    const sse = sseClient({ url: `${app.url}/stream`, retryAttempts: 0 });
    let sseReceived!: () => void;
    const sseLive = new Promise<void>((resolve) => (sseReceived = resolve));
    const sseEnded = new Promise<string>((resolve) => {
      sse.subscribe(
        { query: print(OnEntityChangedDocument) },
        { next: () => sseReceived(), error: () => resolve('error'), complete: () => resolve('complete') },
      );
    });
    // Both streams are live once a change reaches them.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const made = await postGraphQL(app.url, CreateEntityDocument, { input: { kind: 'Person', name: 'Shutdown witness' } });
    expect(made.errors).toBeUndefined();
    await sseLive;
    await subscription.count(1);

    const started = Date.now();
    await stopTestServer(app);
    const took = Date.now() - started;

    await subscription.until((s) => s.completed || s.error !== undefined, 5_000, 'the subscription to end');
    expect(closeCodes).toContain(1001);
    await expect(sseEnded).resolves.toMatch(/error|complete/);
    // Neither transport kept the server waiting for the 20 s grace period.
    expect(took).toBeLessThan(5_000);
    sse.dispose();
    await ws.dispose();
  });

  it('lets an in-flight mutation finish before the engine is closed', async () => {
    let arrived!: () => void;
    const hasArrived = new Promise<void>((resolve) => (arrived = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    /** Holds the first entity.create transaction until released. */
    class GatedEngine extends CountingEngine {
      override async transaction<T>(mode: AccessMode, operation: string, work: (tx: GraphTransaction) => Promise<T>): Promise<T> {
        if (operation === 'entity.create') {
          arrived();
          await released;
        }
        return super.transaction(mode, operation, work);
      }
    }
    const app = await startTestServer({ wrapEngine: (engine) => new GatedEngine(engine) });
    const inFlight = postGraphQL(app.url, CreateEntityDocument, { input: { kind: 'Person', name: 'Late writer' } });
    await hasArrived;
    let closed = false;
    const closing = stopTestServer(app).then(() => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(closed).toBe(false); // waits for the operation
    release();
    const res = await inFlight;
    expect(res.errors).toBeUndefined();
    expect(res.data!.createEntity.name).toBe('Late writer');
    await closing;
    expect(closed).toBe(true);
  });
});
