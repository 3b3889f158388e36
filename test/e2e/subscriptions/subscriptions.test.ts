import type { Client } from 'graphql-ws';
import type { App } from '../../../src/app';
import {
  CreateEntityDocument,
  DefineChannelDocument,
  DeprecateChannelDocument,
  OnMetamodelChangedDocument,
  ImportEntitiesDocument,
  OnImportBatchCommittedDocument,
  OnEntityChangedDocument,
  OnRelationshipChangedDocument,
  RelateDocument,
  UpdateEntityDocument,
  type OnEntityChangedSubscription,
} from '../../generated/graphql';
import { postGraphQL } from '../../support/graphql-client';
import { startTestServer, stopAllTestServers } from '../../support/test-server';
import { settle, Subscribed, wsClient } from './subscription-client';

// Servers start and stop in these tests: allow for a loaded machine.
jest.setTimeout(30_000);

let app: App;
const clients: Client[] = [];
const client = (params?: Record<string, unknown>) => {
  const c = wsClient(app.url, params ? { connectionParams: params } : {});
  clients.push(c);
  return c;
};

beforeAll(async () => {
  app = await startTestServer();
});
afterAll(async () => {
  await Promise.all(clients.map((c) => Promise.resolve(c.dispose())));
  await stopAllTestServers();
});

const tag = () => `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function createEntity(kind: string, name: string, actor?: string) {
  const res = await postGraphQL(app.url, CreateEntityDocument, { input: { kind, name } }, actor ? { 'x-actor': actor } : {});
  expect(res.errors).toBeUndefined();
  return res.data!.createEntity;
}

describe('entityChanged over graphql-ws', () => {
  it('delivers a committed change with its cursor, event id, type, actor and time', async () => {
    const sub = new Subscribed(client(), OnEntityChangedDocument);
    await settle(100);
    const created = await createEntity('Person', `Ada ${tag()}`);
    await sub.until((s) => s.data.some((d) => d.entityChanged.entity.id === created.id));
    const change = sub.data.find((d) => d.entityChanged.entity.id === created.id)!.entityChanged;
    expect(change).toMatchObject({ type: 'ENTITY_CREATED', actor: 'anonymous', entity: { id: created.id, kind: 'Person', version: 1 } });
    expect(change.cursor).toMatch(/^\d{16}$/);
    expect(change.eventId).toMatch(/^[0-9A-Z]{26}$/);
    expect(Date.parse(change.occurredAt)).not.toBeNaN();
    sub.stop();
  });

  it('delivers only the changes matching the filter', async () => {
    const person = await createEntity('Person', `Filtered ${tag()}`);
    const byId = new Subscribed(client(), OnEntityChangedDocument, { filter: { ids: [person.id] } });
    const byKind = new Subscribed(client(), OnEntityChangedDocument, { filter: { kinds: ['Organization'] } });
    await settle(100);
    const org = await createEntity('Organization', `Org ${tag()}`);
    await postGraphQL(app.url, UpdateEntityDocument, { input: { id: person.id, expectedVersion: 1, name: 'Renamed' } });
    await byId.count(1);
    await byKind.count(1);
    await settle();
    expect(byId.data.map((d) => [d.entityChanged.type, d.entityChanged.entity.id])).toEqual([['ENTITY_UPDATED', person.id]]);
    expect(byKind.data.map((d) => d.entityChanged.entity.id)).toEqual([org.id]);
    byId.stop();
    byKind.stop();
  });
});

describe('metamodelChanged over graphql-ws', () => {
  it('reports definitions and deprecations of channels (and kinds and types) with the operation and the name', async () => {
    const changes = new Subscribed(client(), OnMetamodelChangedDocument);
    await settle(100);
    const name = `KIOSK_${tag().toUpperCase()}`;
    expect((await postGraphQL(app.url, DefineChannelDocument, { input: { name } })).errors).toBeUndefined();
    expect((await postGraphQL(app.url, DeprecateChannelDocument, { name })).errors).toBeUndefined();
    await changes.until((s) => s.data.filter((d) => d.metamodelChanged.name === name).length >= 2);
    expect(changes.data.filter((d) => d.metamodelChanged.name === name).map((d) => [d.metamodelChanged.type, d.metamodelChanged.operation])).toEqual([
      ['METAMODEL_CHANGED', 'channel.define'],
      ['METAMODEL_CHANGED', 'channel.deprecate'],
    ]);
    changes.stop();
  });
});

describe('importBatchCommitted over graphql-ws', () => {
  it('reports each committed import batch once (imported records are not entityChanged events), filtered by records', async () => {
    const batches = new Subscribed(client(), OnImportBatchCommittedDocument);
    const relationshipsOnly = new Subscribed(client(), OnImportBatchCommittedDocument, { records: ['RELATIONSHIPS'] });
    const entities = new Subscribed(client(), OnEntityChangedDocument);
    await settle(100);
    const source = `crm-${tag()}`;
    const rows = [
      { externalId: 'p1', kind: 'Person', name: `Imported One ${tag()}` },
      { externalId: 'p2', kind: 'Person', name: `Imported Two ${tag()}` },
      { externalId: 'bad', kind: 'NoSuchKind', name: 'Rejected' },
    ];
    const first = await postGraphQL(app.url, ImportEntitiesDocument, { source, rows });
    expect(first.data!.importEntities).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    await batches.count(1);
    const change = batches.data[0]!.importBatchCommitted;
    expect(change).toMatchObject({ type: 'IMPORT_BATCH_COMMITTED', actor: 'anonymous', records: 'ENTITIES', created: 2, updated: 0, unchanged: 0, rejected: 1, subjectIdsTruncated: false });
    expect(change.subjectIds).toHaveLength(2);

    // Re-running the same import changes nothing, so it commits no batch.
    const again = await postGraphQL(app.url, ImportEntitiesDocument, { source, rows: rows.slice(0, 2) });
    expect(again.data!.importEntities).toMatchObject({ created: 0, unchanged: 2 });
    await settle();
    expect(batches.results).toHaveLength(1);
    expect(relationshipsOnly.results).toHaveLength(0);
    expect(entities.data.filter((d) => change.subjectIds.includes(d.entityChanged.entity.id))).toEqual([]);
    batches.stop();
    relationshipsOnly.stop();
    entities.stop();
  });
});

describe('relationshipChanged over graphql-ws', () => {
  it('delivers relationships touching an entity id, and only of the types asked for', async () => {
    const [ann, acme, other] = await Promise.all([
      createEntity('Person', `Ann ${tag()}`),
      createEntity('Organization', `Acme ${tag()}`),
      createEntity('Organization', `Other ${tag()}`),
    ]);
    const aboutAcme = new Subscribed(client(), OnRelationshipChangedDocument, { filter: { ids: [acme.id] } });
    const worksAt = new Subscribed(client(), OnRelationshipChangedDocument, { filter: { ids: [ann.id], types: ['WORKS_AT'] } });
    await settle(100);
    const rel = await postGraphQL(app.url, RelateDocument, { input: { type: 'WORKS_AT', fromId: ann.id, toId: acme.id } });
    expect(rel.errors).toBeUndefined();
    const unrelated = await postGraphQL(app.url, RelateDocument, { input: { type: 'WORKS_AT', fromId: ann.id, toId: other.id } });
    expect(unrelated.errors).toBeUndefined();
    await aboutAcme.count(1);
    await worksAt.count(2);
    await settle();
    expect(aboutAcme.data.map((d) => d.relationshipChanged.relationship.id)).toEqual([rel.data!.relate.id]);
    expect(worksAt.data.map((d) => d.relationshipChanged.relationship.toId)).toEqual([acme.id, other.id]);
    aboutAcme.stop();
    worksAt.stop();
  });
});

describe('resuming with since', () => {
  it('after a disconnect, replays exactly the missed changes in order, then continues live without duplicates', async () => {
    const kind = 'Person';
    const first = await createEntity(kind, `Resume ${tag()}`);
    const ids = [first.id];
    const live = new Subscribed(client(), OnEntityChangedDocument, { filter: { ids } });
    await settle(100);
    // k = 2 changes received live
    for (let v = 1; v <= 2; v++) await postGraphQL(app.url, UpdateEntityDocument, { input: { id: first.id, expectedVersion: v, name: `v${v + 1}` } });
    await live.count(2);
    const lastCursor = live.data[1]!.entityChanged.cursor;
    live.stop();

    // N = 4 changes while away, interleaved with changes the filter excludes
    for (let v = 3; v <= 6; v++) {
      await createEntity(kind, `Noise ${tag()}`);
      await postGraphQL(app.url, UpdateEntityDocument, { input: { id: first.id, expectedVersion: v, name: `v${v + 1}` } });
    }
    const resumed = new Subscribed(client(), OnEntityChangedDocument, { filter: { ids }, since: lastCursor });
    await resumed.count(4);
    // one more, live, right after the switch
    await postGraphQL(app.url, UpdateEntityDocument, { input: { id: first.id, expectedVersion: 7, name: 'v8' } });
    await resumed.count(5);
    await settle();
    const versions = resumed.data.map((d) => d.entityChanged.entity.version);
    expect(versions).toEqual([4, 5, 6, 7, 8]);
    const cursors = resumed.data.map((d) => d.entityChanged.cursor);
    expect([...cursors].sort()).toEqual(cursors);
    expect(new Set(cursors).size).toBe(cursors.length);
    expect(cursors.every((c) => c > lastCursor)).toBe(true);
    resumed.stop();
  });

  it('switches from replay to live without a gap or a duplicate while changes keep coming', async () => {
    const subject = await createEntity('Person', `Race ${tag()}`);
    const start = new Subscribed(client(), OnEntityChangedDocument, { filter: { ids: [subject.id] } });
    await settle(100);
    await postGraphQL(app.url, UpdateEntityDocument, { input: { id: subject.id, expectedVersion: 1, name: 'n2' } });
    await start.count(1);
    const since = start.data[0]!.entityChanged.cursor;
    start.stop();
    // Writes run while the resumed subscription opens and replays.
    const writes = (async () => {
      for (let v = 2; v <= 21; v++) await postGraphQL(app.url, UpdateEntityDocument, { input: { id: subject.id, expectedVersion: v, name: `n${v + 1}` } });
    })();
    await settle(20);
    const resumed = new Subscribed(client(), OnEntityChangedDocument, { filter: { ids: [subject.id] }, since });
    await writes;
    await resumed.count(20, 10_000);
    await settle();
    expect(resumed.data.map((d) => d.entityChanged.entity.version)).toEqual(Array.from({ length: 20 }, (_, i) => i + 3));
    resumed.stop();
  });

  it('refuses a cursor it never issued with a typed error telling the client to resync', async () => {
    const sub = new Subscribed<OnEntityChangedSubscription>(client(), OnEntityChangedDocument, { since: 'not-a-cursor' });
    await sub.ended();
    // graphql-ws delivers execution errors as a result, then completes.
    expect(sub.completed).toBe(true);
    const errors = sub.results[0]!.errors!;
    expect(errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'since', reason: 'CURSOR_UNKNOWN', resync: true } });
    expect(errors[0]!.message).toMatch(/Reload the current state/);
  });

  it('refuses a cursor from the future of this log', async () => {
    const sub = new Subscribed(client(), OnEntityChangedDocument, { since: '9999999999999999' });
    await sub.ended();
    expect(sub.results[0]!.errors![0]).toMatchObject({ extensions: { reason: 'CURSOR_UNKNOWN' } });
  });
});

describe('the WebSocket context', () => {
  it('takes the actor from connectionParams (placeholder until tokens)', async () => {
    const sub = new Subscribed(client({ actor: 'dashboard-7' }), OnEntityChangedDocument, { filter: { kinds: ['Person'] } });
    await settle(100);
    const created = await createEntity('Person', `Actor ${tag()}`, 'writer-1');
    await sub.until((s) => s.data.some((d) => d.entityChanged.entity.id === created.id));
    // The actor of the change is who wrote it (HTTP today: anonymous); the subscription was accepted for dashboard-7.
    expect(sub.data.find((d) => d.entityChanged.entity.id === created.id)!.entityChanged.actor).toBe('anonymous');
    sub.stop();
  });
});

describe('shared execution', () => {
  it('executes the selection once per event for subscribers with the same document and variables', async () => {
    const subject = await createEntity('Person', `Shared ${tag()}`);
    const subs = Array.from({ length: 5 }, () => new Subscribed(client(), OnEntityChangedDocument, { filter: { ids: [subject.id] } }));
    await settle(100);
    const before = { ...app.server.subscriptionStats };
    await postGraphQL(app.url, UpdateEntityDocument, { input: { id: subject.id, expectedVersion: 1, name: 'shared' } });
    await Promise.all(subs.map((s) => s.count(1)));
    const after = app.server.subscriptionStats;
    expect(after.executions - before.executions).toBe(1);
    expect(after.reused - before.reused).toBe(4);
    for (const s of subs) s.stop();
  });
});
