import WebSocket from 'ws';
import { createClient } from 'graphql-ws';
import type { App } from '../../../src/app';
import { ApiKeysDocument, CreateApiKeyDocument, CreateEntityDocument, GetEntityDocument, RevokeApiKeyDocument } from '../../generated/graphql';
import { AUTH_ENV, bearer, token } from '../../support/auth/tokens';
import { postGraphQL } from '../../support/graphql-client';
import { startTestServer, stopAllTestServers } from '../../support/test-server';

const run = `auth${Date.now().toString(36)}`;
let app: App;
let wsUrl: string;

beforeAll(async () => {
  app = await startTestServer({ env: { ...AUTH_ENV, COUNTS_ONLY_ROLES: 'viewer' } });
  wsUrl = app.url.replace(/^http/, 'ws');
});
afterAll(stopAllTestServers);

const countMine = async (): Promise<number> => {
  const res = await postGraphQL(app.url, `query ($f: EntityFilterInput) { entities(filter: $f) { totalCount } }`, { f: { nameStartsWith: run } }, await bearer('admin'));
  return (res.data as { entities: { totalCount: number } }).entities.totalCount;
};

describe('authentication over HTTP', () => {
  it('refuses a request without credentials with 401 UNAUTHENTICATED and a Bearer challenge', async () => {
    const res = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ serverInfo { version } }' }) });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect(((await res.json()) as { errors: { extensions: unknown }[] }).errors[0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'missing' });
  });

  it('serves a request with a valid token', async () => {
    const res = await postGraphQL(app.url, '{ serverInfo { version } }', undefined, await bearer('viewer'));
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
  });

  it('records the principal as createdBy of a write', async () => {
    const res = await postGraphQL(app.url, `mutation ($i: CreateEntityInput!) { createEntity(input: $i) { id createdBy updatedBy } }`, { i: { kind: 'Person', name: `${run} Ed` } }, await bearer('editor', 'ed'));
    expect(res.data).toMatchObject({ createEntity: { createdBy: 'jwt:ed', updatedBy: 'jwt:ed' } });
  });
});

describe('roles', () => {
  it('lets a viewer read but not write (FORBIDDEN, nothing written)', async () => {
    const before = await countMine();
    const res = await postGraphQL(app.url, CreateEntityDocument, { input: { kind: 'Person', name: `${run} V` } }, await bearer('viewer'));
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredRole: 'editor', role: 'viewer' });
    expect(await countMine()).toBe(before);
  });

  it('keeps traversals for analysts and up', async () => {
    const created = await postGraphQL(app.url, CreateEntityDocument, { input: { kind: 'Person', name: `${run} N` } }, await bearer('editor'));
    const id = created.data!.createEntity.id;
    const query = `query ($id: ID!) { neighbourhood(id: $id, depth: 1) { nodes { id } } }`;
    const asViewer = await postGraphQL(app.url, query, { id }, await bearer('viewer'));
    expect(asViewer.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredRole: 'analyst' });
    const asAnalyst = await postGraphQL(app.url, query, { id }, await bearer('analyst'));
    expect(asAnalyst.errors).toBeUndefined();
  });

  it('keeps the metamodel for admins', async () => {
    const mutation = `mutation ($i: DefineEntityKindInput!) { defineEntityKind(input: $i) { name } }`;
    const input = { i: { name: `Kind${run}`, category: 'OBJECT' } };
    const asEditor = await postGraphQL(app.url, mutation, input, await bearer('editor'));
    expect(asEditor.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredRole: 'admin' });
    const kinds = await postGraphQL(app.url, `{ entityKind(name: "Kind${run}") { name } }`, undefined, await bearer('viewer'));
    expect(kinds.data).toEqual({ entityKind: null });
    const asAdmin = await postGraphQL(app.url, mutation, input, await bearer('admin'));
    expect(asAdmin.errors).toBeUndefined();
  });

  it('takes the strongest role from a list claim', async () => {
    const res = await postGraphQL(app.url, CreateEntityDocument, { input: { kind: 'Person', name: `${run} L` } }, {
      authorization: `Bearer ${await token({ role: ['viewer', 'editor'] })}`,
    });
    expect(res.errors).toBeUndefined();
  });

  it('hides touchpoint summaries from counts-only roles', async () => {
    const person = await postGraphQL(app.url, CreateEntityDocument, { input: { kind: 'Person', name: `${run} T` } }, await bearer('editor'));
    const recorded = await postGraphQL(
      app.url,
      `mutation ($i: RecordTouchpointInput!) { recordTouchpoint(input: $i) { id summary } }`,
      { i: { channel: 'EMAIL', direction: 'INBOUND', occurredAt: '2026-01-01T10:00:00Z', summary: 'private words', participants: [{ entityId: person.data!.createEntity.id }] } },
      await bearer('editor'),
    );
    expect(recorded.errors).toBeUndefined();
    const id = (recorded.data as { recordTouchpoint: { id: string } }).recordTouchpoint.id;
    const query = `query ($id: ID!) { touchpoint(id: $id) { id summary channel } }`;
    const asViewer = await postGraphQL(app.url, query, { id }, await bearer('viewer'));
    expect(asViewer.data).toEqual({ touchpoint: { id, summary: null, channel: 'EMAIL' } });
    const asAnalyst = await postGraphQL(app.url, query, { id }, await bearer('analyst'));
    expect(asAnalyst.data).toEqual({ touchpoint: { id, summary: 'private words', channel: 'EMAIL' } });
  });
});

describe('API keys', () => {
  it('creates a key shown once, authenticates with it, records use, and stops after revocation', async () => {
    const admin = await bearer('admin', 'root');
    const created = await postGraphQL(app.url, CreateApiKeyDocument, { input: { name: `${run} reader`, role: 'VIEWER' } }, admin);
    expect(created.errors).toBeUndefined();
    const { key, apiKey } = created.data!.createApiKey;
    expect(key).toMatch(/^xrmk_[0-9A-Z]{26}_[\w-]{43}$/);
    expect(apiKey).toMatchObject({ name: `${run} reader`, role: 'VIEWER', createdBy: 'jwt:root', lastUsedAt: null, revokedAt: null });

    const listed = await postGraphQL(app.url, ApiKeysDocument, {}, admin);
    // The secret is everything after `xrmk_<26-char id>_` (base64url, so it may itself hold `_`).
    const secret = key.slice('xrmk_'.length + 27);
    expect(secret.length).toBeGreaterThanOrEqual(40);
    expect(JSON.stringify(listed.data)).not.toContain(secret);

    const read = await postGraphQL(app.url, GetEntityDocument, { id: 'none' }, { authorization: `Bearer ${key}` });
    expect(read.errors).toBeUndefined();
    const viaHeader = await postGraphQL(app.url, GetEntityDocument, { id: 'none' }, { 'x-api-key': key });
    expect(viaHeader.errors).toBeUndefined();
    const write = await postGraphQL(app.url, CreateEntityDocument, { input: { kind: 'Person', name: `${run} K` } }, { 'x-api-key': key });
    expect(write.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const withKey = await postGraphQL(app.url, `mutation { createEntity(input: {kind: "Person", name: "x"}) { id } }`, undefined, { 'x-api-key': key });
    expect(withKey.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    await new Promise((r) => setTimeout(r, 100)); // lastUsedAt is written after the answer
    const afterUse = await postGraphQL(app.url, ApiKeysDocument, {}, admin);
    expect(afterUse.data!.apiKeys.find((k) => k.id === apiKey.id)?.lastUsedAt).toEqual(expect.any(String));

    const revoked = await postGraphQL(app.url, RevokeApiKeyDocument, { id: apiKey.id }, admin);
    expect(revoked.data!.revokeApiKey.revokedAt).toEqual(expect.any(String));
    const refused = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': key }, body: JSON.stringify({ query: '{ serverInfo { version } }' }) });
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { errors: { extensions: unknown }[] }).errors[0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'invalid-api-key' });
  });

  it('keeps key administration for admins', async () => {
    const res = await postGraphQL(app.url, CreateApiKeyDocument, { input: { name: 'x', role: 'ADMIN' } }, await bearer('editor'));
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredRole: 'admin' });
    const list = await postGraphQL(app.url, ApiKeysDocument, {}, await bearer('editor'));
    expect(list.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('answers NOT_FOUND when revoking an unknown key', async () => {
    const res = await postGraphQL(app.url, RevokeApiKeyDocument, { id: '01JZZZZZZZZZZZZZZZZZZZZZZZ' }, await bearer('admin'));
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
  });
});

const closeOf = (ws: WebSocket) => new Promise<{ code: number; reason: string }>((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));

describe('authentication over WebSocket', () => {
  it('closes a connection without credentials with 4401', async () => {
    const ws = new WebSocket(wsUrl, 'graphql-transport-ws');
    const closed = closeOf(ws);
    ws.once('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: {} })));
    await expect(closed).resolves.toMatchObject({ code: 4401, reason: expect.stringContaining('Authentication required') });
  });

  it('closes a connection with a forged token with 4401', async () => {
    const ws = new WebSocket(wsUrl, 'graphql-transport-ws');
    const closed = closeOf(ws);
    const forged = await token({ role: 'admin', secret: 'another-secret-of-at-least-thirty-two-chars' });
    ws.once('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${forged}` } })));
    await expect(closed).resolves.toMatchObject({ code: 4401 });
  });

  it('runs operations with the role of the connection token', async () => {
    const client = createClient({ url: wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: (await bearer('viewer')).authorization }, retryAttempts: 0 });
    try {
      const read = await client.iterate({ query: '{ serverInfo { version } }' }).next();
      expect(read.value?.errors).toBeUndefined();
      expect(read.value).toMatchObject({ data: { serverInfo: { version: expect.any(String) } } });
      const write = await client.iterate({ query: `mutation { createEntity(input: { kind: "Person", name: "${run} W" }) { id } }` }).next();
      expect(write.value?.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    } finally {
      await client.dispose();
    }
  });

  it('closes the connection with 4401 when its token expires', async () => {
    const shortLived = await token({ role: 'viewer', expiresIn: 1 });
    const ws = new WebSocket(wsUrl, 'graphql-transport-ws');
    const closed = closeOf(ws);
    ws.once('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${shortLived}` } })));
    await expect(closed).resolves.toEqual({ code: 4401, reason: 'Token expired' });
  }, 10_000);
});

describe('the open default', () => {
  it('serves everyone as admin and records writes as anonymous when no authentication is configured', async () => {
    const open = await startTestServer();
    const res = await postGraphQL(open.url, `mutation { createEntity(input: { kind: "Person", name: "${run} O" }) { createdBy } }`);
    expect(res.data).toEqual({ createEntity: { createdBy: 'anonymous' } });
  });
});

describe('limits per principal', () => {
  it('answers 429 RATE_LIMITED with Retry-After once the bucket is empty, per principal', async () => {
    const limited = await startTestServer({ env: { ...AUTH_ENV, RATE_LIMIT_PER_SECOND: '0.5', RATE_LIMIT_BURST: '3' } });
    const me = await bearer('viewer', 'hasty');
    for (let i = 0; i < 3; i++) expect((await postGraphQL(limited.url, '{ serverInfo { version } }', undefined, me)).status).toBe(200);
    const res = await fetch(limited.url, { method: 'POST', headers: { 'content-type': 'application/json', ...me }, body: JSON.stringify({ query: '{ serverInfo { version } }' }) });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('2');
    expect(((await res.json()) as { errors: { extensions: unknown }[] }).errors[0]!.extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: 2 });
    const other = await postGraphQL(limited.url, '{ serverInfo { version } }', undefined, await bearer('viewer', 'patient'));
    expect(other.status).toBe(200);
  });

  it('closes a principal\'s WebSocket beyond the connection limit with 4429', async () => {
    const limited = await startTestServer({ env: { ...AUTH_ENV, WS_MAX_CONNECTIONS_PER_PRINCIPAL: '1' } });
    const url = limited.url.replace(/^http/, 'ws');
    const auth = (await bearer('viewer', 'sticky')).authorization;
    const first = createClient({ url, webSocketImpl: WebSocket, connectionParams: { authorization: auth }, retryAttempts: 0, lazy: false });
    await new Promise<void>((resolve) => first.on('connected', () => resolve()));
    const ws = new WebSocket(url, 'graphql-transport-ws');
    const closed = closeOf(ws);
    ws.once('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: auth } })));
    await expect(closed).resolves.toMatchObject({ code: 4429 });
    await first.dispose();
  });
});
