import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateEntityDocument, GetEntityDocument, NetworkDocument, RelateDocument } from '../generated/graphql';
import { postGraphQL } from '../support/graphql-client';
import { startTestServer, stopAllTestServers, stopTestServer } from '../support/test-server';

const dir = mkdtempSync(join(tmpdir(), 'xrm-restart-'));
afterAll(async () => {
  await stopAllTestServers();
  rmSync(dir, { recursive: true, force: true });
});

describe('the embedded engine on disk', () => {
  it('keeps every committed record and relationship across a server restart', async () => {
    const graphUrl = `file:${join(dir, 'xrm')}`;
    const first = await startTestServer({ graphUrl });
    const org = (await postGraphQL(first.url, CreateEntityDocument, { input: { kind: 'Organization', name: 'Durable GmbH' } })).data!.createEntity;
    const person = (await postGraphQL(first.url, CreateEntityDocument, { input: { kind: 'Person', name: 'Dora Durable' } })).data!.createEntity;
    await (postGraphQL(first.url, RelateDocument, { input: { type: 'WORKS_AT', fromId: person.id, toId: org.id, role: 'CFO' } }));
    await stopTestServer(first);

    const second = await startTestServer({ graphUrl });
    const again = await postGraphQL(second.url, GetEntityDocument, { id: person.id });
    expect(again.data!.entity).toMatchObject({ id: person.id, name: 'Dora Durable', version: 1 });
    const network = await postGraphQL(second.url, NetworkDocument, { filter: { ids: [org.id] } });
    expect(network.data!.entities.edges[0]!.node.relationships.edges[0]).toMatchObject({
      node: { type: 'WORKS_AT', role: 'CFO' },
      other: { id: person.id },
    });
  });
});
