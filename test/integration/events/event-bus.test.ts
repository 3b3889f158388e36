import { createServer, Socket, type Server } from 'node:net';
import { InProcessEventBus } from '../../../src/events/in-process-event-bus';
import { RedisEventBus } from '../../../src/events/redis-event-bus';
import type { Logger } from '../../../src/logger';
import { skipLoudly } from '../../support/skip-loudly';
import { collector, describeEventBusContract, sampleEvent } from './event-bus.contract';

const REDIS_URL = process.env.REDIS_URL;

/** A logger that remembers what it was told. */
function recordingLogger() {
  const lines: { level: string; msg: string }[] = [];
  const at =
    (level: string) =>
    (...args: unknown[]) =>
      lines.push({ level, msg: String(args.find((a) => typeof a === 'string') ?? '') });
  const logger = { info: at('info'), warn: at('warn'), error: at('error'), debug: at('debug') } as unknown as Logger;
  return { logger, lines };
}

describeEventBusContract(
  'in-process',
  async () => {
    const bus = new InProcessEventBus();
    return bus;
  },
  { crossInstance: false },
);

if (REDIS_URL === undefined) {
  skipLoudly('Redis event bus contract — skipped: REDIS_URL is not set (e.g. REDIS_URL=redis://127.0.0.1:6379; .ci/run sets it)');
} else {
  const prefix = `xrm-graph-test:${process.pid}`;
  describeEventBusContract(
    'Redis',
    async (logId) => {
      const bus = new RedisEventBus({ url: REDIS_URL, logger: recordingLogger().logger, channelPrefix: prefix });
      await bus.join(logId);
      return bus;
    },
    { crossInstance: true },
  );

  describe('Redis event bus when Redis goes away', () => {
    /** A TCP proxy to Redis that the test can cut and restore. */
    let proxy: Server | undefined;
    const sockets = new Set<Socket>();
    const target = new URL(REDIS_URL);
    const startProxy = (port: number) =>
      new Promise<number>((resolve) => {
        proxy = createServer((client) => {
          const upstream = new Socket();
          upstream.connect(Number(target.port || 6379), target.hostname);
          client.pipe(upstream).pipe(client);
          for (const s of [client, upstream]) {
            sockets.add(s);
            s.on('error', () => s.destroy());
            s.on('close', () => sockets.delete(s));
          }
        });
        proxy.listen(port, '127.0.0.1', () => resolve((proxy!.address() as { port: number }).port));
      });
    const cut = () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        proxy!.close(() => resolve());
      });

    afterAll(async () => {
      for (const s of sockets) s.destroy();
      if (proxy?.listening) await new Promise((r) => proxy!.close(r));
    });

    it('keeps delivering locally, reports degraded and logs it, then reconnects and reports ok', async () => {
      const port = await startProxy(0);
      const url = `redis://127.0.0.1:${port}`;
      const logId = `log-outage-${Date.now()}`;
      const { logger, lines } = recordingLogger();
      const flaky = new RedisEventBus({ url, logger, channelPrefix: prefix, maxReconnectDelayMs: 100 });
      const peer = new RedisEventBus({ url: REDIS_URL, logger: recordingLogger().logger, channelPrefix: prefix });
      try {
        await flaky.join(logId);
        await peer.join(logId);
        const recovered = jest.fn();
        flaky.onRecovered(recovered);
        const local = collector(flaky);
        const remote = collector(peer);

        await cut();
        for (let waited = 0; flaky.health().status === 'ok' && waited < 3_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
        expect(flaky.health().status).toBe('degraded');
        expect(flaky.health().detail).toMatch(/local subscribers only/);
        flaky.publish([sampleEvent(1)]);
        expect(local.seen).toHaveLength(1); // local subscribers still served
        expect(lines.some((l) => l.level === 'error' && /Redis connection error/.test(l.msg))).toBe(true);

        await startProxy(port);
        const deadline = Date.now() + 5_000;
        while (flaky.health().status !== 'ok' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
        expect(flaky.health()).toEqual({ status: 'ok' });
        expect(recovered).toHaveBeenCalled();
        expect(lines.some((l) => l.level === 'info' && /restored/.test(l.msg))).toBe(true);
        // …and other instances hear it again (resubscribed after the reconnect).
        flaky.publish([sampleEvent(2)]);
        await remote.until(1);
        expect(remote.seen.map((e) => e.cursor)).toEqual(['0000000000000002']);
      } finally {
        await flaky.close();
        await peer.close();
      }
    }, 15_000);

    it('starts degraded when Redis is unreachable, and serves local subscribers', async () => {
      const { logger } = recordingLogger();
      const bus = new RedisEventBus({ url: 'redis://127.0.0.1:1', logger, channelPrefix: prefix, maxReconnectDelayMs: 100 });
      try {
        await bus.join('unreachable');
        const local = collector(bus);
        bus.publish([sampleEvent(1)]);
        expect(local.seen).toHaveLength(1);
        expect(bus.health().status).toBe('degraded');
      } finally {
        await bus.close();
      }
    });
  });
}
