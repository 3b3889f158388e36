import type { Client } from 'graphql-ws';
import { startApp, type App } from '../../../src/app';
import { loadConfig } from '../../../src/config/config';
import { GrafeoEngine } from '../../../src/graph/grafeo/grafeo.engine';
import type { GraphEngine } from '../../../src/graph/graph-engine.port';
import { createLogger } from '../../../src/logger';
import { CreateEntityDocument, DefineChannelDocument, OnEntityChangedDocument, OnMetamodelChangedDocument, UpdateEntityDocument } from '../../generated/graphql';
import { postGraphQL } from '../../support/graphql-client';
import { skipLoudly } from '../../support/skip-loudly';
import { settle, Subscribed, wsClient } from './subscription-client';

// Servers start and stop in these tests: allow for a loaded machine.
jest.setTimeout(30_000);

const REDIS_URL = process.env.REDIS_URL;

/** One graph shared by two API instances, as N replicas share one Neo4j; closed once, at the end. */
function shared(engine: GraphEngine): GraphEngine {
  return {
    kind: engine.kind,
    read: (q, p) => engine.read(q, p),
    write: (q, p) => engine.write(q, p),
    transaction: (m, o, w) => engine.transaction(m, o, w),
    applySchema: (s) => engine.applySchema(s),
    ping: () => engine.ping(),
    close: () => Promise.resolve(),
  };
}

if (REDIS_URL === undefined) {
  skipLoudly('Two instances through Redis — skipped: REDIS_URL is not set (e.g. REDIS_URL=redis://127.0.0.1:6379; .ci/run sets it)');
} else {
  const graph = new GrafeoEngine(null);
  const apps: App[] = [];
  const clients: Client[] = [];
  const start = async () => {
    const config = loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', GRAPH_URL: 'memory:', REDIS_URL });
    const app = await startApp(config, { logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'), engine: shared(graph) });
    apps.push(app);
    return app;
  };
  afterAll(async () => {
    await Promise.all(clients.map((c) => Promise.resolve(c.dispose())));
    for (const app of apps) await app.close();
    await graph.close();
  });

  describe('two API instances sharing Redis (and one graph)', () => {
    it('delivers a mutation made on instance A to a subscriber on instance B, in order, once', async () => {
      const a = await start();
      const b = await start();
      const onB = wsClient(b.url);
      clients.push(onB);
      const sub = new Subscribed(onB, OnEntityChangedDocument, { filter: { kinds: ['Vehicle'] } });
      await settle(150);
      const created = await postGraphQL(a.url, CreateEntityDocument, { input: { kind: 'Vehicle', name: 'Van 1' } });
      const id = created.data!.createEntity.id;
      // Alternate writers: B's own change and A's reach B's subscriber in log order.
      await postGraphQL(b.url, UpdateEntityDocument, { input: { id, expectedVersion: 1, name: 'Van 1b' } });
      await postGraphQL(a.url, UpdateEntityDocument, { input: { id, expectedVersion: 2, name: 'Van 1c' } });
      await sub.count(3);
      await settle();
      expect(sub.data.map((d) => [d.entityChanged.type, d.entityChanged.entity.version])).toEqual([
        ['ENTITY_CREATED', 1],
        ['ENTITY_UPDATED', 2],
        ['ENTITY_UPDATED', 3],
      ]);
      const cursors = sub.data.map((d) => d.entityChanged.cursor);
      expect([...cursors].sort()).toEqual(cursors);
    });

    it('drops the metamodel caches of instance B when instance A changes the metamodel, without waiting for their TTL', async () => {
      const [a, b] = [apps[0]!, apps[1]!];
      const onB = wsClient(b.url);
      clients.push(onB);
      const changes = new Subscribed(onB, OnMetamodelChangedDocument);
      // B reads the channels now, so its channel cache (5 s TTL) holds the list without the new one.
      expect((await postGraphQL(b.url, '{ channels { name } }')).errors).toBeUndefined();
      await settle(150);
      const name = `SHUTTLE_${Date.now().toString(36).toUpperCase()}`;
      expect((await postGraphQL(a.url, DefineChannelDocument, { input: { name } })).errors).toBeUndefined();
      // B's cache listener runs before any subscriber of B sees the change.
      await changes.until((s) => s.data.some((d) => d.metamodelChanged.name === name));
      const person = await postGraphQL(b.url, CreateEntityDocument, { input: { kind: 'Person', name: 'Rider' } });
      const recorded = await postGraphQL<{ recordTouchpoint: { channel: string } }, Record<string, unknown>>(
        b.url,
        'mutation ($input: RecordTouchpointInput!) { recordTouchpoint(input: $input) { channel } }',
        { input: { channel: name, direction: 'INBOUND', occurredAt: new Date().toISOString(), participants: [{ entityId: person.data!.createEntity.id }] } },
      );
      expect(recorded.errors).toBeUndefined();
      expect(recorded.data!.recordTouchpoint.channel).toBe(name);
      changes.stop();
    });

    it('reports Redis in /readyz', async () => {
      const res = await fetch(apps[0]!.url.replace('/graphql', '/readyz'));
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ ready: true, checks: { graph: 'ok', redis: 'ok' } });
    });
  });
}
