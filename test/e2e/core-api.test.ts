import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { createClient as createHttpClient } from 'graphql-http';
import { createClient as createWsClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { App } from '../../src/app';
import {
  CreateEntityDocument,
  DeleteEntityDocument,
  EndRelationshipDocument,
  GetEntityDocument,
  GetRelationshipDocument,
  ListEntitiesDocument,
  NetworkDocument,
  RelateDocument,
  UpdateEntityDocument,
} from '../generated/graphql';
import { CountingEngine } from '../support/counting-engine';
import { postGraphQL } from '../support/graphql-client';
import { startTestServer, stopAllTestServers } from '../support/test-server';

/** A prefix that makes this run's names unique, so tests own their data. */
const run = `t${Date.now().toString(36)}`;

let app: App;
let counter: CountingEngine;

beforeAll(async () => {
  app = await startTestServer({
    wrapEngine: (engine) => (counter = new CountingEngine(engine)),
  });
});
afterAll(stopAllTestServers);

async function createEntity(kind: string, name: string, properties?: Record<string, unknown>) {
  const res = await postGraphQL(app.url, CreateEntityDocument, { input: { kind, name, properties } });
  expect(res.errors).toBeUndefined();
  return res.data!.createEntity;
}

async function relate(type: string, fromId: string, toId: string, extra: Record<string, unknown> = {}) {
  const res = await postGraphQL(app.url, RelateDocument, { input: { type, fromId, toId, ...extra } });
  expect(res.errors).toBeUndefined();
  return res.data!.relate;
}

describe('the core xRM API over HTTP', () => {
  it('creates records of two kinds, relates them, and reads the relationship from both ends', async () => {
    const acme = await createEntity('Organization', `${run} Acme Fairs`);
    const ann = await createEntity('Person', `${run} Ann Example`, { email: 'ann@example.com' });
    expect(ann).toMatchObject({ kind: 'Person', category: 'STAKEHOLDER', version: 1, properties: { email: 'ann@example.com' } });
    expect(ann.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);

    const job = await relate('WORKS_AT', ann.id, acme.id, { role: 'Account manager', validFrom: '2024-01-01T00:00:00Z', strength: 0.8 });
    expect(job).toMatchObject({ type: 'WORKS_AT', fromId: ann.id, toId: acme.id, role: 'Account manager', strength: 0.8, validTo: null });
    expect(new Date(job.validFrom!).toISOString()).toBe('2024-01-01T00:00:00.000Z');

    const read = await postGraphQL(app.url, GetRelationshipDocument, { id: job.id });
    expect(read.data!.relationship).toMatchObject({ id: job.id, from: { id: ann.id }, to: { id: acme.id } });

    const network = await postGraphQL(app.url, NetworkDocument, { filter: { ids: [acme.id] } });
    const acmeNode = network.data!.entities.edges[0]!.node;
    expect(acmeNode.relationships.totalCount).toBe(1);
    expect(acmeNode.relationships.edges[0]).toMatchObject({ direction: 'INCOMING', other: { id: ann.id, name: `${run} Ann Example` } });
  });

  it('allows parallel relationships of one type between the same two records and ends one as history', async () => {
    const org = await createEntity('Organization', `${run} Twice Ltd`);
    const bob = await createEntity('Person', `${run} Bob Twice`);
    const first = await relate('WORKS_AT', bob.id, org.id, { validFrom: '2019-01-01T00:00:00Z', validTo: '2020-01-01T00:00:00Z' });
    const second = await relate('WORKS_AT', bob.id, org.id, { validFrom: '2023-01-01T00:00:00Z' });
    expect(second.id).not.toBe(first.id);

    const ended = await postGraphQL(app.url, EndRelationshipDocument, { id: second.id, at: '2025-06-30T00:00:00Z' });
    expect(ended.errors).toBeUndefined();
    expect(new Date(ended.data!.endRelationship.validTo!).toISOString()).toBe('2025-06-30T00:00:00.000Z');

    const at2019 = await postGraphQL(app.url, ListEntitiesDocument, {
      filter: { relatedTo: [{ id: org.id, type: 'WORKS_AT', activeAt: '2019-06-01T00:00:00Z' }] },
    });
    expect(at2019.data!.entities.edges.map((e) => e.node.id)).toEqual([bob.id]);
    const at2022 = await postGraphQL(app.url, ListEntitiesDocument, {
      filter: { relatedTo: [{ id: org.id, type: 'WORKS_AT', activeAt: '2022-06-01T00:00:00Z' }] },
    });
    expect(at2022.data!.entities.totalCount).toBe(0);
  });

  it('lists with filters on kind, name and properties, sorts, and pages forward and backward with cursors', async () => {
    const prefix = `${run} Pager`;
    for (let i = 0; i < 7; i++) {
      await createEntity('Person', `${prefix} ${String.fromCharCode(65 + i)}`, { email: `p${i}@example.com` });
    }
    await createEntity('Organization', `${prefix} Org`);

    const page1 = await postGraphQL(app.url, ListEntitiesDocument, {
      filter: { kinds: ['Person'], nameStartsWith: prefix.toLowerCase() },
      first: 3,
    });
    const c1 = page1.data!.entities;
    expect(c1.totalCount).toBe(7);
    expect(c1.edges.map((e) => e.node.name)).toEqual([`${prefix} A`, `${prefix} B`, `${prefix} C`]);
    expect(c1.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });

    const page2 = await postGraphQL(app.url, ListEntitiesDocument, {
      filter: { kinds: ['Person'], nameStartsWith: prefix },
      first: 3,
      after: c1.pageInfo.endCursor,
    });
    expect(page2.data!.entities.edges.map((e) => e.node.name)).toEqual([`${prefix} D`, `${prefix} E`, `${prefix} F`]);

    const lastTwo = await postGraphQL(app.url, ListEntitiesDocument, {
      filter: { kinds: ['Person'], nameStartsWith: prefix },
      last: 2,
    });
    expect(lastTwo.data!.entities.edges.map((e) => e.node.name)).toEqual([`${prefix} F`, `${prefix} G`]);
    expect(lastTwo.data!.entities.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });

    const desc = await postGraphQL(app.url, ListEntitiesDocument, {
      filter: { nameContains: 'pager', kinds: ['Person'] },
      sort: { field: 'NAME', direction: 'DESC' },
      first: 1,
    });
    expect(desc.data!.entities.edges[0]!.node.name).toBe(`${prefix} G`);

    const byEmail = await postGraphQL(app.url, ListEntitiesDocument, {
      filter: { nameStartsWith: prefix, properties: [{ name: 'email', op: 'IN', value: ['p1@example.com', 'p4@example.com'] }] },
    });
    expect(byEmail.data!.entities.edges.map((e) => e.node.name)).toEqual([`${prefix} B`, `${prefix} E`]);
  });

  it('pages an entity’s relationships backward as well as forward, each entity counted from its own end', async () => {
    const hub = await createEntity('Organization', `${run} Paging Hub`);
    const small = await createEntity('Organization', `${run} Paging Small`);
    const people = [];
    for (let i = 0; i < 5; i++) people.push(await createEntity('Person', `${run} Pager ${i}`));
    for (const p of people) await relate('WORKS_AT', p.id, hub.id);
    await relate('WORKS_AT', people[0]!.id, small.id);
    const query = `query ($ids: [ID!], $last: Int, $before: String) {
      entities(filter: { ids: $ids }, first: 10) { edges { node { id
        relationships(last: $last, before: $before) { totalCount pageInfo { hasPreviousPage hasNextPage startCursor }
          edges { other { id } } } } } } }`;
    const byId = async (vars: Record<string, unknown>) => {
      const res = await postGraphQL(app.url, query, { ids: [hub.id, small.id], ...vars });
      expect(res.errors).toBeUndefined();
      const data = res.data as { entities: { edges: { node: { id: string; relationships: { totalCount: number; pageInfo: { hasPreviousPage: boolean; hasNextPage: boolean; startCursor: string | null }; edges: { other: { id: string } }[] } } }[] } };
      return new Map(data.entities.edges.map((e) => [e.node.id, e.node.relationships]));
    };
    const last2 = await byId({ last: 2 });
    expect(last2.get(hub.id)!.edges.map((e) => e.other.id)).toEqual([people[3]!.id, people[4]!.id]);
    expect(last2.get(hub.id)!.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    expect(last2.get(small.id)!.edges.map((e) => e.other.id)).toEqual([people[0]!.id]);
    expect(last2.get(small.id)!.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: false });
    const earlier = await byId({ last: 2, before: last2.get(hub.id)!.pageInfo.startCursor });
    expect(earlier.get(hub.id)!.edges.map((e) => e.other.id)).toEqual([people[1]!.id, people[2]!.id]);
  });

  it('costs a number of engine calls bounded by the query depth, not by the number of rows', async () => {
    const hub = await createEntity('Organization', `${run} Hub`);
    const people = [];
    for (let i = 0; i < 50; i++) {
      const p = await createEntity('Person', `${run} Member ${i}`);
      await relate('WORKS_AT', p.id, hub.id);
      people.push(p);
    }
    for (let i = 0; i < 50; i += 2) await relate('KNOWS', people[i]!.id, people[i + 1]!.id);

    const callsFor = async (first: number) => {
      counter.reset();
      const res = await postGraphQL(app.url, NetworkDocument, { filter: { nameStartsWith: `${run} Member` }, first });
      expect(res.errors).toBeUndefined();
      expect(res.data!.entities.edges).toHaveLength(first);
      // Metamodel reloads depend on its cache age, not on the query: leave them out.
      return counter.calls.filter((name) => !name.startsWith('metamodel/'));
    };
    const small = await callsFor(2);
    const large = await callsFor(50);
    // list → relationships → other ends → their relationships → their other ends: at most 5,
    // however many rows (a hit in the request's entity cache can save one).
    expect(small.length).toBeLessThanOrEqual(5);
    expect(large.length).toBeLessThanOrEqual(5);
    expect(large.filter((c) => c === 'relationship/by-entities')).toHaveLength(2);
    expect(large.filter((c) => c === 'entity/list')).toHaveLength(1);
  });

  it('enforces MANY_TO_ONE over overlapping validity: a room is part of one building at a time, but may move', async () => {
    const room = await createEntity('Room', `${run} Seminar Room 1`);
    const hallA = await createEntity('Building', `${run} Hall A`);
    const hallB = await createEntity('Building', `${run} Hall B`);
    await relate('PART_OF', room.id, hallA.id, { validFrom: '2024-01-01T00:00:00Z', validTo: '2025-01-01T00:00:00Z' });

    const overlapping = await postGraphQL(app.url, RelateDocument, {
      input: { type: 'PART_OF', fromId: room.id, toId: hallB.id, validFrom: '2024-06-01T00:00:00Z' },
    });
    expect(overlapping.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', type: 'PART_OF', entityId: room.id });
    const network = await postGraphQL(app.url, NetworkDocument, { filter: { ids: [room.id] } });
    expect(network.data!.entities.edges[0]!.node.relationships.totalCount).toBe(1);

    const moved = await relate('PART_OF', room.id, hallB.id, { validFrom: '2025-01-01T00:00:00Z' });
    expect(moved).toMatchObject({ type: 'PART_OF', toId: hallB.id });
  });

  it('updates with optimistic concurrency: a stale version is a CONFLICT and changes nothing', async () => {
    const p = await createEntity('Person', `${run} Versioned`, { email: 'v1@example.com' });
    const ok = await postGraphQL(app.url, UpdateEntityDocument, {
      input: { id: p.id, expectedVersion: 1, properties: { email: 'v2@example.com' } },
    });
    expect(ok.data!.updateEntity).toMatchObject({ version: 2, properties: { email: 'v2@example.com' } });

    const stale = await postGraphQL(app.url, UpdateEntityDocument, { input: { id: p.id, expectedVersion: 1, name: 'Lost update' } });
    expect(stale.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    const after = await postGraphQL(app.url, GetEntityDocument, { id: p.id });
    expect(after.data!.entity).toMatchObject({ name: `${run} Versioned`, version: 2 });
  });

  it('refuses to delete an entity that has relationships unless detach is true', async () => {
    const a = await createEntity('Person', `${run} Del A`);
    const b = await createEntity('Person', `${run} Del B`);
    await relate('KNOWS', a.id, b.id);
    const refused = await postGraphQL(app.url, DeleteEntityDocument, { id: a.id });
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', relationships: 1 });
    expect((await postGraphQL(app.url, GetEntityDocument, { id: a.id })).data!.entity).not.toBeNull();

    const done = await postGraphQL(app.url, DeleteEntityDocument, { id: a.id, detach: true });
    expect(done.data!.deleteEntity.id).toBe(a.id);
    expect((await postGraphQL(app.url, GetEntityDocument, { id: a.id })).data!.entity).toBeNull();
    const bRels = await postGraphQL(app.url, NetworkDocument, { filter: { ids: [b.id] } });
    expect(bRels.data!.entities.edges[0]!.node.relationships.totalCount).toBe(0);
  });
});

describe('other real clients', () => {
  it('answers a query over graphql-ws on the same /graphql path', async () => {
    const ws = createWsClient({ url: app.url.replace('http', 'ws'), webSocketImpl: WebSocket, retryAttempts: 0 });
    try {
      const result = await new Promise<unknown>((resolve, reject) => {
        let value: unknown;
        ws.subscribe({ query: '{ serverInfo { engine } }' }, { next: (v) => (value = v), error: reject, complete: () => resolve(value) });
      });
      expect(result).toEqual({ data: { serverInfo: { engine: 'grafeo' } } });
    } finally {
      await ws.dispose();
    }
  });

  it('serves Apollo Client queries and graphql-http client requests', async () => {
    const created = await createEntity('Organization', `${run} Client Co`);
    const apollo = new ApolloClient({ link: new HttpLink({ uri: app.url, fetch }), cache: new InMemoryCache() });
    const result = await apollo.query({ query: GetEntityDocument, variables: { id: created.id } });
    expect(result.data?.entity?.name).toBe(`${run} Client Co`);
    apollo.stop();

    const client = createHttpClient({ url: app.url, fetchFn: fetch });
    const viaHttp = await new Promise<unknown>((resolve, reject) => {
      let value: unknown;
      client.subscribe(
        { query: 'query ($id: ID!) { entity(id: $id) { name } }', variables: { id: created.id } },
        { next: (v) => (value = v), error: reject, complete: () => resolve(value) },
      );
    });
    expect(viaHttp).toEqual({ data: { entity: { name: `${run} Client Co` } } });
  });

  it('reports liveness and readiness', async () => {
    const base = app.url.replace(/\/graphql$/, '');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true, checks: { graph: 'ok' } });
  });
});
