/**
 * The server side of `npm run bench:fanout`, run as a child process so its RSS and CPU are
 * its own. INSTANCES=1: one API instance; INSTANCES=2: two instances (two ports) sharing
 * one in-memory graph and REDIS_URL, as replicas share one Neo4j. Prints
 * `{"ports":[…]}` on stdout when listening; answers IPC 'stats' with RSS, CPU time and
 * the shared-execution counters; exits on 'stop'. With FANOUT_PROFILE set to a file path,
 * IPC 'profile-start' / 'profile-stop' record a CPU profile of the measured window only
 * (not the connection set-up) into that file.
 */
import '../production-mode';
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { startApp, type App } from '../../src/app';
import { loadConfig } from '../../src/config/config';
import { GrafeoEngine } from '../../src/graph/grafeo/grafeo.engine';
import type { GraphEngine } from '../../src/graph/graph-engine.port';
import { createLogger } from '../../src/logger';

async function main(): Promise<void> {
  const instances = Number(process.env.INSTANCES ?? '1');
  const graph = new GrafeoEngine(null);
  const shared: GraphEngine = {
    kind: graph.kind,
    read: (q, p) => graph.read(q, p),
    write: (q, p) => graph.write(q, p),
    transaction: (m, o, w) => graph.transaction(m, o, w),
    applySchema: (s) => graph.applySchema(s),
    ping: () => graph.ping(),
    close: () => Promise.resolve(),
  };
  const apps: App[] = [];
  for (let i = 0; i < instances; i++) {
    const config = loadConfig({
      NODE_ENV: 'production',
      PORT: '0',
      HOST: '127.0.0.1',
      GRAPH_URL: 'memory:',
      LOG_LEVEL: process.env.FANOUT_LOG_LEVEL ?? 'error',
      // One anonymous principal opens every bench connection: no per-principal caps here.
      WS_MAX_CONNECTIONS_PER_PRINCIPAL: '0',
      RATE_LIMIT_PER_SECOND: '0',
      ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
    });
    apps.push(await startApp(config, { logger: createLogger(process.env.FANOUT_LOG_LEVEL ?? 'error'), engine: shared }));
  }
  const profiler = new Session();
  process.on('message', (message: unknown) => {
    if (message === 'profile-start' && process.env.FANOUT_PROFILE) {
      profiler.connect();
      profiler.post('Profiler.enable', () => profiler.post('Profiler.start', () => process.send?.('profiling')));
    }
    if (message === 'profile-stop' && process.env.FANOUT_PROFILE) {
      profiler.post('Profiler.stop', (error, result) => {
        if (!error) writeFileSync(process.env.FANOUT_PROFILE ?? '', JSON.stringify(result.profile));
        profiler.disconnect();
        process.send?.('profiled');
      });
    }
    if (message === 'stats') {
      process.send?.({
        rss: process.memoryUsage().rss,
        cpu: process.cpuUsage(),
        shared: apps.map((a) => ({ ...a.server.subscriptionStats })),
        positions: apps.map((a) => a.services.events.position),
        bus: apps.map((a) => a.services.events.health()),
      });
    }
    if (message === 'stop') {
      void (async () => {
        for (const app of apps) await app.close();
        await graph.close();
        process.exit(0);
      })();
    }
  });
  process.stdout.write(`${JSON.stringify({ ports: apps.map((a) => a.port) })}\n`);
}

void main();
