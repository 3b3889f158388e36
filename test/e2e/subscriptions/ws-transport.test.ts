/**
 * Our graphql-ws transport (src/api/subscriptions/shared-payload-ws.ts): graphql-ws's
 * protocol core over `ws`, with a shared payload serialised once and spliced into every
 * socket's `next` message. Checked with raw sockets (the bytes) and with graphql-ws's own
 * client (every message type), plus the request metrics of WebSocket and SSE operations.
 */
import { createClient as createSseClient } from 'graphql-sse';
import type { Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { App } from '../../../src/app';
import { postGraphQL } from '../../support/graphql-client';
import { startTestServer, stopAllTestServers } from '../../support/test-server';
import { settle, wsClient } from './subscription-client';

jest.setTimeout(30_000);

let app: App;
const clients: Client[] = [];
const sockets: WebSocket[] = [];
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await Promise.all(clients.map((c) => Promise.resolve(c.dispose())));
  await stopAllTestServers();
});

const client = () => {
  const c = wsClient(app.url);
  clients.push(c);
  return c;
};

const createEntity = async (kind: string, name: string): Promise<string> => {
  const res = await postGraphQL<{ createEntity: { id: string } }, Record<string, unknown>>(app.url, 'mutation($i: CreateEntityInput!) { createEntity(input: $i) { id } }', { i: { kind, name } });
  expect(res.errors).toBeUndefined();
  return res.data!.createEntity.id;
};

/** A raw graphql-transport-ws socket that keeps every text message it receives. */
async function rawSocket(): Promise<{ socket: WebSocket; messages: string[]; send: (message: unknown) => void; waitFor: (test: (m: string) => boolean) => Promise<string> }> {
  const socket = new WebSocket(app.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
  sockets.push(socket);
  const messages: string[] = [];
  socket.on('message', (data: Buffer) => messages.push(data.toString()));
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  const send = (message: unknown) => socket.send(JSON.stringify(message));
  const waitFor = async (test: (m: string) => boolean): Promise<string> => {
    for (let waited = 0; waited < 10_000; waited += 20) {
      const found = messages.find(test);
      if (found !== undefined) return found;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`no such message; got ${JSON.stringify(messages)}`);
  };
  send({ type: 'connection_init' });
  await waitFor((m) => m === '{"type":"connection_ack"}');
  return { socket, messages, send, waitFor };
}

const isNext = (id: string) => (m: string) => m.startsWith(`{"id":${JSON.stringify(id)},"type":"next"`);

describe('graphql-ws transport with shared serialised payloads', () => {
  it('serialises a shared payload once and sends every socket the same bytes after its own id', async () => {
    const query = 'subscription Shared($filter: EntityChangeFilter) { entityChanged(filter: $filter) { cursor eventId type entity { id name kind } } }';
    const other = 'subscription Other($filter: EntityChangeFilter) { entityChanged(filter: $filter) { cursor entity { id } } }';
    const kind = 'Device'; // one kind per test: tests in this file run one after the other
    const variables = { filter: { kinds: [kind] } };
    const raws = await Promise.all([rawSocket(), rawSocket(), rawSocket(), rawSocket()]);
    const ids = ['a', 'same-id', 'c"quoted\\', 'other'];
    const pushedBefore = app.server.subscriptionStats.pushed;
    raws.forEach((raw, i) => raw.send({ id: ids[i], type: 'subscribe', payload: { query: i === 3 ? other : query, variables } }));
    await settle(200);
    const before = { ...app.server.subscriptionStats };

    const id = await createEntity(kind, 'Shared Payload');
    const got = await Promise.all(raws.map((raw, i) => raw.waitFor(isNext(ids[i]!))));

    const prefix = (i: number) => `{"id":${JSON.stringify(ids[i])},"type":"next","payload":`;
    const payloads = got.map((message, i) => {
      expect(message.startsWith(prefix(i))).toBe(true);
      expect(message.endsWith('}')).toBe(true);
      return message.slice(prefix(i).length, -1);
    });
    expect(payloads[1]).toBe(payloads[0]);
    expect(payloads[2]).toBe(payloads[0]);
    // Valid JSON, and what graphql-ws would have sent.
    const parsed = got.map((message) => JSON.parse(message) as { id: string; type: string; payload: { data: { entityChanged: { cursor: string; entity: { id: string } } } } });
    parsed.forEach((message, i) => expect(message.id).toBe(ids[i]));
    expect(parsed[0]!.payload.data.entityChanged).toMatchObject({ type: 'ENTITY_CREATED', entity: { id, name: 'Shared Payload', kind } });
    expect(parsed[3]!.payload).toEqual({ data: { entityChanged: { cursor: parsed[0]!.payload.data.entityChanged.cursor, entity: { id } } } });

    const after = app.server.subscriptionStats;
    // Two distinct (document, variables): two executions, two serialisations; the other two sockets reuse both.
    expect(after.executions - before.executions).toBe(2);
    expect(after.reused - before.reused).toBe(2);
    expect(after.serialised - before.serialised).toBe(2);
    expect(after.serialisedReused - before.serialisedReused).toBe(2);
    // All four went through the push path (one dispatch per event), through the security layer's wrappers.
    expect(after.pushed - pushedBefore).toBe(4);
  });

  it('stops sending to an operation the client completed, and answers ping with pong', async () => {
    const raw = await rawSocket();
    const kind = 'Equipment';
    raw.send({ id: 'x', type: 'subscribe', payload: { query: 'subscription($f: EntityChangeFilter) { entityChanged(filter: $f) { cursor } }', variables: { f: { kinds: [kind] } } } });
    await settle(200);
    await createEntity(kind, 'First');
    await raw.waitFor(isNext('x'));
    raw.send({ id: 'x', type: 'complete' });
    raw.send({ type: 'ping', payload: { probe: 1 } });
    expect(await raw.waitFor((m) => m.includes('"pong"'))).toBe('{"type":"pong","payload":{"probe":1}}');
    await createEntity(kind, 'Second');
    await settle(300);
    expect(raw.messages.filter(isNext('x'))).toHaveLength(1);
  });
});

describe("graphql-ws's client against every message type", () => {
  it('connection_ack, next, complete (a query over the socket), pong', async () => {
    const c = wsClient(app.url, { keepAlive: 50, lazy: false });
    clients.push(c);
    let connected = false;
    let pongs = 0;
    c.on('connected', () => (connected = true));
    c.on('pong', () => (pongs += 1));
    const results: unknown[] = [];
    await new Promise<void>((resolve, reject) => {
      c.subscribe({ query: '{ serverInfo { version } }' }, { next: (r) => results.push(r), error: reject, complete: resolve });
    });
    expect(connected).toBe(true);
    expect(results).toEqual([{ data: { serverInfo: { version: expect.any(String) as unknown } } }]);
    for (let waited = 0; pongs === 0 && waited < 5_000; waited += 20) await settle(20);
    expect(pongs).toBeGreaterThan(0);
  });

  it('error: a subscription that does not validate', async () => {
    const error = await new Promise<unknown>((resolve) => {
      client().subscribe({ query: 'subscription { entityChanged { noSuchField } }' }, { next: () => undefined, error: resolve, complete: () => resolve('completed') });
    });
    expect(Array.isArray(error)).toBe(true);
    expect((error as { message: string }[])[0]!.message).toMatch(/noSuchField/);
  });

  it('next with errors, then complete: a cursor that cannot be resumed', async () => {
    const results: { errors?: { extensions?: Record<string, unknown> }[] }[] = [];
    await new Promise<void>((resolve, reject) => {
      client().subscribe<unknown>({ query: 'subscription { entityChanged(since: "not-a-cursor") { cursor } }' }, { next: (r) => results.push(r as never), error: reject, complete: resolve });
    });
    expect(results).toHaveLength(1);
    expect(results[0]!.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CURSOR_UNKNOWN', resync: true });
  });

  it('next for live events, each subscriber its own copy', async () => {
    const kind = 'Vehicle';
    const received: unknown[][] = [[], []];
    const stops = received.map((list) =>
      client().subscribe({ query: 'subscription($f: EntityChangeFilter) { entityChanged(filter: $f) { entity { name } } }', variables: { f: { kinds: [kind] } } }, {
        next: (r) => list.push(r),
        error: () => undefined,
        complete: () => undefined,
      }),
    );
    await settle(300);
    await createEntity(kind, 'Live One');
    for (let waited = 0; received.some((l) => l.length === 0) && waited < 10_000; waited += 20) await settle(20);
    for (const list of received) expect(list).toEqual([{ data: { entityChanged: { entity: { name: 'Live One' } } } }]);
    expect(received[0]).not.toBe(received[1]);
    stops.forEach((stop) => stop());
  });
});

describe('request metrics of WebSocket and SSE operations', () => {
  const scrape = async () => (await fetch(app.url.replace('/graphql', '/metrics'))).text();
  const count = (text: string, operation: string, type: string, outcome: string): number => {
    const line = text.split('\n').find((l) => l.startsWith(`xrm_graphql_requests_total{operation="${operation}",type="${type}",outcome="${outcome}"} `));
    return line === undefined ? 0 : Number(line.split(' ')[1]);
  };

  it('counts subscriptions (ok, error, refused) and queries over graphql-ws, and subscriptions over SSE', async () => {
    const before = await scrape();
    const c = client();
    const stopOk = c.subscribe({ query: 'subscription { relationshipChanged { cursor } }' }, { next: () => undefined, error: () => undefined, complete: () => undefined });
    await new Promise<void>((resolve) => {
      c.subscribe({ query: 'subscription { relationshipChanged(since: "nope") { cursor } }' }, { next: () => undefined, error: () => resolve(), complete: resolve });
    });
    await new Promise<void>((resolve) => {
      c.subscribe({ query: 'subscription { relationshipChanged { nope } }' }, { next: () => undefined, error: () => resolve(), complete: resolve });
    });
    await new Promise<void>((resolve, reject) => {
      c.subscribe({ query: '{ serverInfo { version } }' }, { next: () => undefined, error: reject, complete: resolve });
    });
    const sse = createSseClient({ url: `${app.url}/stream`, retryAttempts: 0 });
    const stopSse = sse.subscribe({ query: 'subscription { entityChanged(filter: { kinds: ["MetricsOnly"] }) { cursor } }' }, { next: () => undefined, error: () => undefined, complete: () => undefined });
    await settle(500);

    const after = await scrape();
    const delta = (operation: string, type: string, outcome: string) => count(after, operation, type, outcome) - count(before, operation, type, outcome);
    expect(delta('subscription:relationshipChanged', 'subscription', 'ok')).toBe(1);
    expect(delta('subscription:relationshipChanged', 'subscription', 'error')).toBe(1);
    expect(delta('subscription:relationshipChanged', 'subscription', 'refused')).toBe(1);
    expect(delta('query:serverInfo', 'query', 'ok')).toBe(1);
    expect(delta('subscription:entityChanged', 'subscription', 'ok')).toBe(1);
    expect(after).toMatch(/xrm_graphql_request_duration_seconds_count\{operation="subscription:relationshipChanged",type="subscription",outcome="ok"\} [1-9]/);
    stopOk();
    stopSse();
    sse.dispose();
  });
});
