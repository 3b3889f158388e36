import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateEntityDocument, OnEntityChangedDocument, UpdateEntityDocument } from '../../generated/graphql';
import { postGraphQL } from '../../support/graphql-client';
import { startTestServer, stopAllTestServers, stopTestServer } from '../../support/test-server';
import { settle, Subscribed, wsClient } from './subscription-client';

// Servers start and stop in these tests: allow for a loaded machine.
jest.setTimeout(30_000);

const dir = mkdtempSync(join(tmpdir(), 'xrm-resume-'));
afterAll(async () => {
  await stopAllTestServers();
  rmSync(dir, { recursive: true, force: true });
});

describe('resuming across a server restart on the embedded engine on disk', () => {
  it('replays exactly the changes made before the restart, after the last cursor received, in order', async () => {
    const graphUrl = `file:${join(dir, 'xrm')}`;
    const first = await startTestServer({ graphUrl });
    const created = (await postGraphQL(first.url, CreateEntityDocument, { input: { kind: 'Person', name: 'Rita Restart' } })).data!.createEntity;
    const c1 = wsClient(first.url);
    const live = new Subscribed(c1, OnEntityChangedDocument, { filter: { ids: [created.id] } });
    await settle(100);
    await postGraphQL(first.url, UpdateEntityDocument, { input: { id: created.id, expectedVersion: 1, name: 'v2' } });
    await live.count(1);
    const lastCursor = live.data[0]!.entityChanged.cursor;
    await c1.dispose();
    // N = 3 changes nobody is listening to, then the server stops.
    for (let v = 2; v <= 4; v++) await postGraphQL(first.url, UpdateEntityDocument, { input: { id: created.id, expectedVersion: v, name: `v${v + 1}` } });
    await stopTestServer(first);

    const second = await startTestServer({ graphUrl });
    const c2 = wsClient(second.url);
    const resumed = new Subscribed(c2, OnEntityChangedDocument, { filter: { ids: [created.id] }, since: lastCursor });
    await resumed.count(3);
    await postGraphQL(second.url, UpdateEntityDocument, { input: { id: created.id, expectedVersion: 5, name: 'v6' } });
    await resumed.count(4);
    await settle();
    expect(resumed.data.map((d) => [d.entityChanged.type, d.entityChanged.entity.version])).toEqual([
      ['ENTITY_UPDATED', 3],
      ['ENTITY_UPDATED', 4],
      ['ENTITY_UPDATED', 5],
      ['ENTITY_UPDATED', 6],
    ]);
    const cursors = resumed.data.map((d) => d.entityChanged.cursor);
    expect(new Set(cursors).size).toBe(4);
    expect(cursors.every((c) => c > lastCursor)).toBe(true);
    await c2.dispose();
  });
});
