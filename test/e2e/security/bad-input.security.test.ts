/**
 * The bad-input suite (issue 6): every refusal has its exact code, nothing is written,
 * and the server still serves afterwards — over HTTP and over WebSocket.
 */
import WebSocket from 'ws';
import type { App } from '../../../src/app';
import { AUTH_ENV, bearer, token } from '../../support/auth/tokens';
import { startTestServer, stopAllTestServers } from '../../support/test-server';

const run = `sec${Date.now().toString(36)}`;
let app: App;
let wsUrl: string;
let admin: Record<string, string>;
let person: string;
let org: string;

/** What a case observed: HTTP status (or WebSocket close code) and the first error code. */
interface Outcome {
  status: number;
  code: string | undefined;
  body?: Body;
}

/** A GraphQL response body, as far as these tests read it. */
interface Body {
  data?: Record<string, { id?: string; version?: string } | null> | null;
  errors?: { extensions?: { code?: string } }[];
}

async function http(body: unknown, headers: Record<string, string> = {}, init: { method?: string; raw?: string; search?: string } = {}): Promise<Outcome> {
  const res = await fetch(`${app.url}${init.search ?? ''}`, {
    method: init.method ?? 'POST',
    headers: { ...(init.method === 'GET' ? {} : { 'content-type': 'application/json' }), ...headers },
    body: init.method === 'GET' ? undefined : (init.raw ?? JSON.stringify(body)),
  });
  const text = await res.text();
  let parsed: Body | undefined;
  try {
    parsed = JSON.parse(text) as Body;
  } catch {
    parsed = undefined;
  }
  return { status: res.status, code: parsed?.errors?.[0]?.extensions?.code, body: parsed };
}

const gql = async (query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => http({ query, variables }, headers ?? admin);

/** Opens an authenticated graphql-transport-ws socket and runs one operation; resolves with its first message or the close. */
async function ws(payload: Record<string, unknown> | string, auth?: Record<string, string>, options: { origin?: string } = {}): Promise<Outcome> {
  const socket = new WebSocket(wsUrl, 'graphql-transport-ws', options.origin ? { origin: options.origin } : {});
  return new Promise<Outcome>((resolve) => {
    socket.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0, code: 'UPGRADE_REFUSED' }));
    socket.on('error', () => undefined);
    socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: (auth ?? admin).authorization } })));
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString());
      if (message.type === 'connection_ack') {
        socket.send(typeof payload === 'string' ? payload : JSON.stringify({ id: '1', type: 'subscribe', payload }));
      } else if (message.type === 'error') {
        resolve({ status: 200, code: message.payload?.[0]?.extensions?.code ?? 'GRAPHQL_ERROR', body: message.payload });
        socket.close();
      } else if (message.type === 'next') {
        resolve({ status: 200, code: message.payload?.errors?.[0]?.extensions?.code, body: message.payload });
        socket.close();
      }
    });
    socket.once('close', (code) => resolve({ status: code, code: `CLOSE_${code}` }));
  });
}

/** Entities, relationships, kinds, types and API keys: must not change after a refused request. */
async function footprint(): Promise<string> {
  const res = await gql(`{ entities(first: 1) { totalCount } entityKinds(includeDeprecated: true) { name } relationshipTypes(includeDeprecated: true) { name } apiKeys { id } }`);
  const rels = await gql(`query ($ids: [ID!]) { entities(filter: { ids: $ids }) { edges { node { relationships { totalCount } } } } }`, { ids: [person, org] });
  return JSON.stringify([res.body?.data, rels.body?.data]);
}

async function stillServes(): Promise<void> {
  const res = await gql('{ serverInfo { version } }');
  expect(res.status).toBe(200);
  expect(res.body?.data?.serverInfo?.version).toEqual(expect.any(String));
}

beforeAll(async () => {
  app = await startTestServer({ env: { ...AUTH_ENV, WS_MAX_PAYLOAD_BYTES: '65536', CORS_ORIGINS: 'https://app.example' } });
  wsUrl = app.url.replace(/^http/, 'ws');
  admin = await bearer('admin', 'sec-admin');
  const p = await gql(`mutation { createEntity(input: { kind: "Person", name: "${run} P" }) { id } }`);
  const o = await gql(`mutation { createEntity(input: { kind: "Organization", name: "${run} O" }) { id } }`);
  person = p.body!.data!.createEntity!.id!;
  org = o.body!.data!.createEntity!.id!;
});
afterAll(stopAllTestServers);

const nest = (levels: number): string => {
  let inner = 'id';
  for (let i = 0; i < levels; i++) inner = `relationships { edges { other { ${inner} } } }`;
  return inner;
};
const aliases = (n: number, field = 'serverInfo { version }') => Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ');
const costBomb = `{ entities(first: 100) { edges { node { relationships(first: 100) { edges { other { relationships(first: 100) { edges { other { id } } } } } } } } } }`;
const viewer = () => bearer('viewer', 'sec-viewer');

type Case = [string, () => Promise<Outcome>, number, string | undefined];

const cases: Case[] = [
  // --- operation limits over HTTP (400 QUERY_LIMIT_EXCEEDED)
  ['a depth bomb', () => gql(`query ($id: ID!) { entity(id: $id) { ${nest(4)} } }`, { id: person }), 400, 'QUERY_LIMIT_EXCEEDED'],
  ['a depth bomb hidden in fragments', () => gql(`query ($id: ID!) { entity(id: $id) { ...A } } fragment A on Entity { relationships { edges { other { ...B } } } } fragment B on Entity { relationships { edges { other { ...C } } } } fragment C on Entity { relationships { edges { other { relationships { edges { other { id } } } } } } }`, { id: person }), 400, 'QUERY_LIMIT_EXCEEDED'],
  ['an alias bomb', () => gql(`{ ${aliases(16)} }`), 400, 'QUERY_LIMIT_EXCEEDED'],
  ['an alias bomb of writes', () => gql(`mutation { ${aliases(20, `createEntity(input: { kind: "Person", name: "${run} alias" }) { id }`)} }`), 400, 'QUERY_LIMIT_EXCEEDED'],
  ['a directive bomb', () => gql(`{ serverInfo { ${Array.from({ length: 11 }, () => 'version @include(if: true)').join(' ')} } }`), 400, 'QUERY_LIMIT_EXCEEDED'],
  ['a token bomb', () => gql(`{ serverInfo { ${'version '.repeat(2500)} } }`), 400, 'QUERY_LIMIT_EXCEEDED'],
  ['a cost bomb of nested pages', () => gql(costBomb), 400, 'QUERY_LIMIT_EXCEEDED'],
  ['a cost bomb through variables', () => gql(`query ($n: Int) { entities(first: $n) { edges { node { relationships(first: $n) { edges { other { relationships(first: $n) { edges { other { id } } } } } } } } } }`, { n: 100 }), 400, 'QUERY_LIMIT_EXCEEDED'],
  // --- transport
  ['a batched request', () => http([{ query: '{ serverInfo { version } }' }, { query: '{ serverInfo { version } }' }], admin), 400, 'BATCH_NOT_ALLOWED'],
  ['an empty batch', () => http([], admin), 400, 'BATCH_NOT_ALLOWED'],
  ['a body over the size limit', () => http({ query: `{ serverInfo { version } } # ${'x'.repeat(1_100_000)}` }, admin), 413, 'PAYLOAD_TOO_LARGE'],
  ['malformed JSON', () => http(undefined, admin, { raw: '{"query": "{ serverInfo { version } }"' }), 400, 'BAD_REQUEST'],
  ['a JSON body that is not an object', () => http(42, admin), 400, 'BAD_REQUEST'],
  ['a body without a query', () => http({ variables: {} }, admin), 400, 'BAD_REQUEST'],
  ['a syntax error', () => gql('{ serverInfo { version }'), 400, 'GRAPHQL_PARSE_FAILED'],
  ['an unknown field', () => gql('{ serverInfo { secrets } }'), 400, 'GRAPHQL_VALIDATION_FAILED'],
  ['an unknown operation name', () => http({ query: 'query A { serverInfo { version } }', operationName: 'B' }, admin), 400, 'OPERATION_RESOLUTION_FAILURE'],
  ['a mutation over GET', () => http(undefined, { ...admin, 'apollo-require-preflight': 'true' }, { method: 'GET', search: `?query=${encodeURIComponent('mutation { deleteEntity(id: "x") { id } }')}` }), 405, 'BAD_REQUEST'],
  ['a GET without a CSRF preflight header', () => http(undefined, { authorization: admin.authorization! }, { method: 'GET', search: `?query=${encodeURIComponent('{ serverInfo { version } }')}` }), 400, 'BAD_REQUEST'],
  ['a text/plain POST (CSRF)', () => http(undefined, { ...admin, 'content-type': 'text/plain' }, { raw: JSON.stringify({ query: 'mutation { deleteEntity(id: "x") { id } }' }) }), 400, 'BAD_REQUEST'],
  ['a browser origin not in CORS_ORIGINS', () => gql('{ serverInfo { version } }', undefined, { ...admin, origin: 'https://evil.example' }), 403, 'FORBIDDEN'],
  // --- variables and arguments
  ['a variable of the wrong type', () => gql('query ($n: Int) { entities(first: $n) { totalCount } }', { n: 'ten' }), 400, 'BAD_USER_INPUT'],
  ['an argument literal of the wrong type', () => gql('{ entities(first: "ten") { totalCount } }'), 400, 'GRAPHQL_VALIDATION_FAILED'],
  ['an Int beyond 32 bits', () => gql('{ entities(first: 99999999999) { totalCount } }'), 400, 'GRAPHQL_VALIDATION_FAILED'],
  ['a huge first', () => gql('{ entities(first: 100000) { totalCount } }'), 200, 'BAD_USER_INPUT'],
  ['a negative first', () => gql('{ entities(first: -1) { totalCount } }'), 200, 'BAD_USER_INPUT'],
  ['a cursor the server did not issue', () => gql('{ entities(after: "b3I6OTk5OTk5") { totalCount } }'), 200, 'BAD_USER_INPUT'],
  // --- injection attempts in every string that could reach query text
  ['a kind name carrying Cypher', () => gql('mutation ($i: CreateEntityInput!) { createEntity(input: $i) { id } }', { i: { kind: 'Person`) DETACH DELETE n //', name: `${run} x` } }), 200, 'BAD_USER_INPUT'],
  ['a kind name adding a label', () => gql('mutation ($i: CreateEntityInput!) { createEntity(input: $i) { id } }', { i: { kind: 'Person:Admin', name: `${run} x` } }), 200, 'BAD_USER_INPUT'],
  ['a relationship type carrying Cypher', () => gql('mutation ($i: RelateInput!) { relate(input: $i) { id } }', { i: { type: 'WORKS_AT]->() DETACH DELETE n //', fromId: person, toId: org } }), 200, 'BAD_USER_INPUT'],
  ['a property name carrying Cypher', () => gql('mutation ($i: CreateEntityInput!) { createEntity(input: $i) { id } }', { i: { kind: 'Person', name: `${run} x`, properties: { 'email` = 1 DETACH DELETE n //': 'x' } } }), 200, 'BAD_USER_INPUT'],
  ['a property update carrying Cypher', () => gql('mutation ($i: UpdateEntityInput!) { updateEntity(input: $i) { id } }', { i: { id: person, expectedVersion: 1, properties: { 'n.id': 'x' } } }), 200, 'BAD_USER_INPUT'],
  ['a filter key carrying Cypher', () => gql('query ($f: EntityFilterInput) { entities(filter: $f) { totalCount } }', { f: { properties: [{ name: 'x] OR 1=1 //', op: 'EQ', value: 1 }] } }), 200, 'BAD_USER_INPUT'],
  ['a sort property carrying Cypher', () => gql('query ($s: EntitySortInput) { entities(sort: $s) { totalCount } }', { s: { property: 'name DESC; MATCH (n) DETACH DELETE n //' } }), 200, 'BAD_USER_INPUT'],
  ['a kind name defined with Cypher', () => gql('mutation ($i: DefineEntityKindInput!) { defineEntityKind(input: $i) { name } }', { i: { name: 'Booth`) DETACH DELETE n //', category: 'LOCATION' } }), 200, 'BAD_USER_INPUT'],
  ['a kind property name with Cypher', () => gql('mutation ($i: DefineEntityKindInput!) { defineEntityKind(input: $i) { name } }', { i: { name: `Booth${run}`, category: 'LOCATION', properties: [{ name: 'x` = 1 //', type: 'STRING' }] } }), 200, 'BAD_USER_INPUT'],
  ['a relationship type defined with Cypher', () => gql('mutation ($i: DefineRelationshipTypeInput!) { defineRelationshipType(input: $i) { name } }', { i: { name: 'RENTS]->() DELETE r //', source: { kinds: ['Person'] }, target: { kinds: ['Person'] } } }), 200, 'BAD_USER_INPUT'],
  ['a touchpoint channel carrying Cypher', () => gql('mutation ($i: RecordTouchpointInput!) { recordTouchpoint(input: $i) { id } }', { i: { channel: "EMAIL' OR 1=1 //", direction: 'INBOUND', occurredAt: '2026-01-01T00:00:00Z', participants: [{ entityId: person }] } }), 200, 'BAD_USER_INPUT'],
  ['a kinds filter carrying Cypher', () => gql('query ($f: EntityFilterInput) { entities(filter: $f) { totalCount } }', { f: { kinds: ['Person` OR 1=1 //'] } }), 200, 'BAD_USER_INPUT'],
  // --- unknown ids
  ['an unknown entity id (null, no error)', () => gql('{ entity(id: "01JZZZZZZZZZZZZZZZZZZZZZZZ") { id } }'), 200, undefined],
  ['an update of an unknown entity', () => gql('mutation { updateEntity(input: { id: "01JZZZZZZZZZZZZZZZZZZZZZZZ", expectedVersion: 1, name: "x" }) { id } }'), 200, 'NOT_FOUND'],
  ['a delete of an unknown entity', () => gql('mutation { deleteEntity(id: "01JZZZZZZZZZZZZZZZZZZZZZZZ") { id } }'), 200, 'NOT_FOUND'],
  ['a relationship to an unknown entity', () => gql('mutation ($i: RelateInput!) { relate(input: $i) { id } }', { i: { type: 'WORKS_AT', fromId: person, toId: '01JZZZZZZZZZZZZZZZZZZZZZZZ' } }), 200, 'NOT_FOUND'],
  ['an unknown relationship id', () => gql('mutation { deleteRelationship(id: "garbage") { id } }'), 200, 'NOT_FOUND'],
  ['a revocation of an unknown API key', () => gql('mutation { revokeApiKey(id: "nope") { id } }'), 200, 'NOT_FOUND'],
  // --- credentials (401 UNAUTHENTICATED)
  ['an expired token', async () => gql('{ serverInfo { version } }', undefined, { authorization: `Bearer ${await token({ role: 'admin', expiresIn: -60 })}` }), 401, 'UNAUTHENTICATED'],
  ['a forged token', async () => gql('{ serverInfo { version } }', undefined, { authorization: `Bearer ${await token({ role: 'admin', secret: 'x'.repeat(40) })}` }), 401, 'UNAUTHENTICATED'],
  ['a token for another audience', async () => gql('{ serverInfo { version } }', undefined, { authorization: `Bearer ${await token({ role: 'admin', audience: 'someone-else' })}` }), 401, 'UNAUTHENTICATED'],
  ['a token from another issuer', async () => gql('{ serverInfo { version } }', undefined, { authorization: `Bearer ${await token({ role: 'admin', issuer: 'https://evil.example' })}` }), 401, 'UNAUTHENTICATED'],
  ['an unsigned token (alg none)', async () => {
    const [, payload] = (await token({ role: 'admin' })).split('.');
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    return gql('{ serverInfo { version } }', undefined, { authorization: `Bearer ${header}.${payload}.` });
  }, 401, 'UNAUTHENTICATED'],
  ['a token without a role', async () => gql('{ serverInfo { version } }', undefined, { authorization: `Bearer ${await token({ role: null })}` }), 401, 'UNAUTHENTICATED'],
  ['a token with an unknown role', async () => gql('{ serverInfo { version } }', undefined, { authorization: `Bearer ${await token({ role: 'superuser' })}` }), 401, 'UNAUTHENTICATED'],
  ['a token that is not a JWT', () => gql('{ serverInfo { version } }', undefined, { authorization: 'Bearer not-a-token' }), 401, 'UNAUTHENTICATED'],
  ['a Basic authorization header', () => gql('{ serverInfo { version } }', undefined, { authorization: 'Basic YWRtaW46YWRtaW4=' }), 401, 'UNAUTHENTICATED'],
  ['a malformed API key', () => gql('{ serverInfo { version } }', undefined, { 'x-api-key': 'xrmk_short' }), 401, 'UNAUTHENTICATED'],
  ['a well-formed API key nobody issued', () => gql('{ serverInfo { version } }', undefined, { 'x-api-key': `xrmk_01JZZZZZZZZZZZZZZZZZZZZZZZ_${'A'.repeat(43)}` }), 401, 'UNAUTHENTICATED'],
  ['no credentials at all', () => gql('mutation { deleteEntity(id: "x") { id } }', undefined, {}), 401, 'UNAUTHENTICATED'],
  // --- roles (FORBIDDEN)
  ['a viewer creating an entity', async () => gql(`mutation { createEntity(input: { kind: "Person", name: "${run} v" }) { id } }`, undefined, await viewer()), 200, 'FORBIDDEN'],
  ['a viewer traversing', async () => gql(`query ($id: ID!) { neighbourhood(id: $id) { nodes { id } } }`, { id: person }, await viewer()), 200, 'FORBIDDEN'],
  ['an analyst updating', async () => gql('mutation ($i: UpdateEntityInput!) { updateEntity(input: $i) { id } }', { i: { id: person, expectedVersion: 1, name: 'x' } }, await bearer('analyst')), 200, 'FORBIDDEN'],
  ['an editor changing the metamodel', async () => gql(`mutation { defineEntityKind(input: { name: "Kiosk${run}", category: OBJECT }) { name } }`, undefined, await bearer('editor')), 200, 'FORBIDDEN'],
  ['an editor creating an API key', async () => gql('mutation { createApiKey(input: { name: "x", role: ADMIN }) { key } }', undefined, await bearer('editor')), 200, 'FORBIDDEN'],
  ['a viewer hiding a write behind an alias', async () => gql(`mutation { harmless: createEntity(input: { kind: "Person", name: "${run} alias" }) { id } }`, undefined, await viewer()), 200, 'FORBIDDEN'],
  // --- the same over WebSocket
  ['a depth bomb over WebSocket', () => ws({ query: `query ($id: ID!) { entity(id: $id) { ${nest(4)} } }`, variables: { id: person } }), 200, 'QUERY_LIMIT_EXCEEDED'],
  ['an alias bomb over WebSocket', () => ws({ query: `{ ${aliases(16)} }` }), 200, 'QUERY_LIMIT_EXCEEDED'],
  ['a write alias bomb over WebSocket', () => ws({ query: `mutation { ${aliases(20, `createEntity(input: { kind: "Person", name: "${run} alias" }) { id }`)} }` }), 200, 'QUERY_LIMIT_EXCEEDED'],
  ['a directive bomb over WebSocket', () => ws({ query: `{ serverInfo { ${Array.from({ length: 11 }, () => 'version @skip(if: false)').join(' ')} } }` }), 200, 'QUERY_LIMIT_EXCEEDED'],
  ['a token bomb over WebSocket', () => ws({ query: `{ serverInfo { ${'version '.repeat(2500)} } }` }), 200, 'QUERY_LIMIT_EXCEEDED'],
  ['a cost bomb over WebSocket', () => ws({ query: costBomb }), 200, 'QUERY_LIMIT_EXCEEDED'],
  ['a subscription with several root fields over WebSocket', () => ws({ query: `subscription { ${aliases(3, 'entityChanged { cursor }')} }` }), 200, 'GRAPHQL_ERROR'],
  ['an oversized frame over WebSocket', async () => {
    // graphql-ws reports the socket's own error on the console; expected here.
    const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      return await ws({ query: `{ serverInfo { version } } # ${'x'.repeat(70_000)}` });
    } finally {
      quiet.mockRestore();
    }
  }, 1009, 'CLOSE_1009'],
  ['a malformed frame over WebSocket', () => ws('{"id": "1", "type": "subscribe", "payload":'), 4400, 'CLOSE_4400'],
  ['a viewer writing over WebSocket', async () => ws({ query: `mutation { createEntity(input: { kind: "Person", name: "${run} ws" }) { id } }` }, await viewer()), 200, 'FORBIDDEN'],
  ['a viewer traversing over WebSocket', async () => ws({ query: 'query ($id: ID!) { neighbourhood(id: $id) { nodes { id } } }', variables: { id: person } }, await viewer()), 200, 'FORBIDDEN'],
  ['an injected kind over WebSocket', () => ws({ query: 'mutation ($i: CreateEntityInput!) { createEntity(input: $i) { id } }', variables: { i: { kind: 'Person`) DETACH DELETE n //', name: 'x' } } }), 200, 'BAD_USER_INPUT'],
  ['a huge first over WebSocket', () => ws({ query: '{ entities(first: 100000) { totalCount } }' }), 200, 'BAD_USER_INPUT'],
  ['an expired token over WebSocket', async () => ws({ query: '{ serverInfo { version } }' }, { authorization: `Bearer ${await token({ role: 'admin', expiresIn: -60 })}` }), 4401, 'CLOSE_4401'],
  ['a foreign Origin over WebSocket', () => ws({ query: '{ serverInfo { version } }' }, undefined, { origin: 'https://evil.example' }), 403, 'UPGRADE_REFUSED'],
];

describe('bad input over HTTP and WebSocket: exact code, nothing written, server still serves', () => {
  it('has at least 50 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(50);
  });

  it.each(cases)('refuses %s', async (_label, send, status, code) => {
    const before = await footprint();
    const outcome = await send();
    expect({ status: outcome.status, code: outcome.code }).toEqual({ status, code });
    expect(await footprint()).toBe(before);
    await stillServes();
  });
});
