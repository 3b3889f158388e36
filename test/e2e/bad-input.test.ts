import type { App } from '../../src/app';
import { CreateEntityDocument, ListEntitiesDocument, RelateDocument } from '../generated/graphql';
import { postGraphQL } from '../support/graphql-client';
import { startTestServer, stopAllTestServers } from '../support/test-server';

const run = `b${Date.now().toString(36)}`;
let app: App;
let person: string;
let org: string;

beforeAll(async () => {
  app = await startTestServer();
  const p = await postGraphQL(app.url, CreateEntityDocument, { input: { kind: 'Person', name: `${run} P` } });
  const o = await postGraphQL(app.url, CreateEntityDocument, { input: { kind: 'Organization', name: `${run} O` } });
  person = p.data!.createEntity.id;
  org = o.data!.createEntity.id;
});
afterAll(stopAllTestServers);

/** How many entities and relationships this run created: must not change after a refused write. */
async function footprint(): Promise<{ entities: number; relationships: number }> {
  const res = await postGraphQL(app.url, `query ($f: EntityFilterInput) { entities(filter: $f, first: 100) { totalCount edges { node { relationships { totalCount } } } } }`, {
    f: { nameStartsWith: run },
  });
  const data = res.data as { entities: { totalCount: number; edges: { node: { relationships: { totalCount: number } } }[] } };
  return {
    entities: data.entities.totalCount,
    relationships: data.entities.edges.reduce((n, e) => n + e.node.relationships.totalCount, 0),
  };
}

const refusedCreates: [string, Record<string, unknown>, string, string | undefined][] = [
  ['an unknown kind', { kind: 'Spaceship', name: `${run} x` }, 'BAD_USER_INPUT', 'kind'],
  ['a kind name carrying Cypher', { kind: 'Person`) DETACH DELETE n //', name: `${run} x` }, 'BAD_USER_INPUT', 'kind'],
  ['a blank name', { kind: 'Person', name: '   ' }, 'BAD_USER_INPUT', 'name'],
  ['an unknown property', { kind: 'Person', name: `${run} x`, properties: { shoeSize: 44 } }, 'BAD_USER_INPUT', 'properties.shoeSize'],
  ['a property of the wrong type', { kind: 'Person', name: `${run} x`, properties: { email: 42 } }, 'BAD_USER_INPUT', 'properties.email'],
];

describe('bad input gets a typed error and changes nothing', () => {
  it.each(refusedCreates)('refuses to create an entity with %s', async (_label, input, code, field) => {
    const before = await footprint();
    const res = await postGraphQL(app.url, CreateEntityDocument, { input: input as never });
    expect(res.status).toBe(200);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code, ...(field ? { field } : {}) });
    expect(res.data).toBeNull();
    expect(await footprint()).toEqual(before);
  });

  const refusedRelations: [string, () => Record<string, unknown>, string, string | undefined][] = [
    ['an unknown relationship type', () => ({ type: 'LOVES_DEARLY', fromId: person, toId: org }), 'BAD_USER_INPUT', 'type'],
    ['a type that does not allow these kinds', () => ({ type: 'WORKS_AT', fromId: org, toId: person }), 'BAD_USER_INPUT', 'type'],
    ['a self-relationship where the type forbids it', () => ({ type: 'KNOWS', fromId: person, toId: person }), 'BAD_USER_INPUT', 'toId'],
    ['validFrom after validTo', () => ({ type: 'WORKS_AT', fromId: person, toId: org, validFrom: '2025-01-01T00:00:00Z', validTo: '2024-01-01T00:00:00Z' }), 'BAD_USER_INPUT', 'validTo'],
    ['a malformed instant', () => ({ type: 'WORKS_AT', fromId: person, toId: org, validFrom: 'yesterday' }), 'BAD_USER_INPUT', 'validFrom'],
    ['a strength above 1', () => ({ type: 'WORKS_AT', fromId: person, toId: org, strength: 1.5 }), 'BAD_USER_INPUT', 'strength'],
    ['an end that does not exist', () => ({ type: 'WORKS_AT', fromId: person, toId: '01JZZZZZZZZZZZZZZZZZZZZZZZ' }), 'NOT_FOUND', undefined],
  ];
  it.each(refusedRelations)('refuses to relate with %s', async (_label, input, code, field) => {
    const before = await footprint();
    const res = await postGraphQL(app.url, RelateDocument, { input: input() as never });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code, ...(field ? { field } : {}) });
    expect(await footprint()).toEqual(before);
  });

  it('refuses a page size above the maximum with BAD_USER_INPUT naming the argument', async () => {
    const res = await postGraphQL(app.url, ListEntitiesDocument, { first: 101 });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first', max: 100 });
  });

  it('refuses a filter on a property no kind defines', async () => {
    const res = await postGraphQL(app.url, ListEntitiesDocument, { filter: { properties: [{ name: 'n.id', op: 'EQ', value: 1 }] } });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.properties[0].name' });
  });

  it('refuses a cursor it did not issue', async () => {
    const res = await postGraphQL(app.url, ListEntitiesDocument, { after: 'not-a-cursor' });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('answers malformed JSON with 400 and a GraphQL error document, and keeps serving', async () => {
    const res = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_REQUEST' } }] });
    expect((await postGraphQL(app.url, '{ serverInfo { engine } }')).data).toEqual({ serverInfo: { engine: 'grafeo' } });
  });

  it('answers an oversized body with 413', async () => {
    const res = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ serverInfo { engine } } #${'x'.repeat(1_100_000)}` }),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ errors: [{ extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
  });

  it('answers a variable of the wrong type with a 400 and no stack trace', async () => {
    const res = await postGraphQL(app.url, ListEntitiesDocument, { first: 'ten' as unknown as number });
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(res)).not.toMatch(/stacktrace|at .*\.ts:\d+/);
  });
});
