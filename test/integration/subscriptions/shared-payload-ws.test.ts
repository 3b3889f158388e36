/**
 * The push path of our graphql-ws adapter (src/api/subscriptions/shared-payload-ws.ts) with
 * the shared subscribe (shared-execution.ts) and a real event feed, over real sockets: a
 * small schema of its own, so that the feed's limits and the predicate can be set here.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphQLBoolean, GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import WebSocket, { WebSocketServer } from 'ws';
import type { ApiContext } from '../../../src/api/context';
import { createSharedSubscribe } from '../../../src/api/subscriptions/shared-execution';
import { useSharedPayloadServer } from '../../../src/api/subscriptions/shared-payload-ws';
import { DomainEventType, type DomainEvent } from '../../../src/events/domain-event';
import { EventFeed } from '../../../src/events/event-feed';
import { EventLog } from '../../../src/events/event-log';
import type { EventPublisher } from '../../../src/events/event-publisher';
import { InProcessEventBus } from '../../../src/events/in-process-event-bus';
import { RecordedWrites } from '../../../src/events/recorded-writes';
import { GrafeoEngine } from '../../../src/graph/grafeo/grafeo.engine';
import { QueryCatalogue } from '../../../src/graph/query-catalogue';
import { createLogger } from '../../../src/logger';

jest.setTimeout(20_000);

const catalogue = new QueryCatalogue();
const logger = createLogger('silent');

/** Events of a `slow: true` subscription wait for this gate before their predicate answers. */
let gate: Promise<void> = Promise.resolve();
/** How often the predicate of the subscriptions with each `tag` was asked. */
const predicateCalls = new Map<string, number>();

const ChangeType = new GraphQLObjectType({
  name: 'Change',
  fields: {
    cursor: { type: GraphQLString },
    subject: { type: GraphQLString, resolve: (event: DomainEvent) => event.subjectIds[0] },
  },
});
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({ name: 'Query', fields: { hello: { type: GraphQLString, resolve: () => 'hi' } } }),
  subscription: new GraphQLObjectType({
    name: 'Subscription',
    fields: {
      changed: {
        type: ChangeType,
        args: { since: { type: GraphQLString }, slow: { type: GraphQLBoolean }, tag: { type: GraphQLString } },
        subscribe: (_root, args: { since?: string | null; slow?: boolean | null; tag?: string | null }, context: ApiContext) =>
          context.services.events.open(args.since ?? null, (): boolean | Promise<boolean> => {
            if (args.tag) predicateCalls.set(args.tag, (predicateCalls.get(args.tag) ?? 0) + 1);
            return args.slow ? gate.then(() => true) : true;
          }),
        resolve: (event: DomainEvent) => event,
      },
    },
  }),
});

let engine: GrafeoEngine;
let feed: EventFeed;
let bus: InProcessEventBus;
let http: Server;
let url: string;
let shared: ReturnType<typeof createSharedSubscribe>;
let wsServer: ReturnType<typeof useSharedPayloadServer>;
let write: (subject: string) => Promise<void>;
const held: DomainEvent[] = [];
const sockets: WebSocket[] = [];

beforeAll(async () => {
  engine = new GrafeoEngine(null);
  await engine.applySchema(catalogue.statements('schema/grafeo'));
  bus = new InProcessEventBus();
  const log = new EventLog(engine, catalogue);
  feed = new EventFeed(bus, log, logger, { maxBufferedPerSubscriber: 2, catchUpIntervalMs: 0 });
  await feed.start();
  const holding: EventPublisher = { publish: (events) => held.push(...events) };
  const writes = new RecordedWrites(engine, catalogue, holding);
  write = async (subject) => {
    await writes.run('test.write', 'tester', async (_tx, emit) => {
      emit({ type: DomainEventType.ENTITY_UPDATED, subjectIds: [subject], payload: {} });
    });
  };
  shared = createSharedSubscribe({ authorize: () => Promise.resolve(), logger });
  http = createServer();
  const wss = new WebSocketServer({ server: http, path: '/graphql' });
  wsServer = useSharedPayloadServer(
    {
      schema,
      subscribe: shared.subscribe,
      context: () => ({ services: { events: feed }, actor: 'tester' }),
      onNext: (_ctx, _id, _payload, _args, result) => result,
    },
    wss,
    { logger },
  );
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`;
});

afterAll(async () => {
  for (const socket of sockets) socket.terminate();
  await wsServer.dispose();
  await new Promise((resolve) => http.close(resolve));
  await feed.close();
  await engine.close();
});

/** Publishes what was written since the last call, as the bus would. */
const publish = () => bus.publish(held.splice(0));

async function rawSocket() {
  const socket = new WebSocket(url, 'graphql-transport-ws');
  sockets.push(socket);
  const messages: string[] = [];
  let closed: { code: number; reason: string } | undefined;
  socket.on('message', (data: Buffer) => messages.push(data.toString()));
  socket.on('close', (code, reason) => (closed = { code, reason: reason.toString() }));
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  const until = async (test: () => boolean, what: string) => {
    for (let waited = 0; !test(); waited += 10) {
      if (waited > 10_000) throw new Error(`${what}: not seen; got ${JSON.stringify(messages)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  const send = (message: unknown) => socket.send(JSON.stringify(message));
  send({ type: 'connection_init' });
  await until(() => messages.includes('{"type":"connection_ack"}'), 'connection_ack');
  const subscribe = async (id: string, variables: Record<string, unknown> = {}) => {
    send({ id, type: 'subscribe', payload: { query: 'subscription($since: String, $slow: Boolean, $tag: String) { changed(since: $since, slow: $slow, tag: $tag) { cursor subject } }', variables } });
    // Subscribed once a probe event written now reaches it (live, or replayed when it opens later).
    await write(`probe-${id}`);
    publish();
    await until(() => nexts(messages, id).some((m) => m.includes(`"probe-${id.replace(/"/g, '\\"')}"`)), `subscription ${id}`);
  };
  return { socket, messages, send, until, subscribe, closed: () => closed };
}

const nexts = (messages: string[], id: string) => messages.filter((m) => m.startsWith(`{"id":${JSON.stringify(id)},"type":"next"`));

describe('the push path of the graphql-ws adapter', () => {
  it('sends every subscriber each event as graphql-ws next message, executed and serialised once for all', async () => {
    const a = await rawSocket();
    const b = await rawSocket();
    await a.subscribe('a');
    await b.subscribe('b"quoted');
    const before = { ...shared.stats, ...wsServer.stats };
    const firstA = nexts(a.messages, 'a').length;
    const firstB = nexts(b.messages, 'b"quoted').length;
    await write('one');
    await write('two');
    publish();
    await a.until(() => nexts(a.messages, 'a').length === firstA + 2, 'two events on a');
    await b.until(() => nexts(b.messages, 'b"quoted').length === firstB + 2, 'two events on b');
    const gotA = nexts(a.messages, 'a').slice(firstA);
    const gotB = nexts(b.messages, 'b"quoted').slice(firstB);
    expect(gotA.map((m) => JSON.parse(m) as unknown)).toEqual([
      { id: 'a', type: 'next', payload: { data: { changed: { cursor: expect.any(String) as unknown, subject: 'one' } } } },
      { id: 'a', type: 'next', payload: { data: { changed: { cursor: expect.any(String) as unknown, subject: 'two' } } } },
    ]);
    // The same payload bytes after each socket's own id.
    expect(gotB.map((m) => m.slice(m.indexOf('"payload":')))).toEqual(gotA.map((m) => m.slice(m.indexOf('"payload":'))));
    expect(shared.stats.executions - before.executions).toBe(2);
    expect(shared.stats.reused - before.reused).toBe(2);
    expect(wsServer.stats.serialised - before.serialised).toBe(2);
    expect(wsServer.stats.serialisedReused - before.serialisedReused).toBe(2);
  });

  it('ends a subscriber that falls behind with an error message (SUBSCRIBER_TOO_SLOW) and sends it nothing after, while others go on', async () => {
    const slow = await rawSocket();
    const fast = await rawSocket();
    await slow.subscribe('slow', { slow: true }); // its probe passed the open gate
    await fast.subscribe('fast');
    let open: () => void = () => undefined;
    gate = new Promise<void>((resolve) => (open = resolve));
    for (const subject of ['s1', 's2', 's3', 's4']) await write(subject); // 1 waits in its predicate, 2 buffered, the 4th overflows
    publish();
    await slow.until(() => slow.messages.some((m) => m.startsWith('{"id":"slow","type":"error"')), 'error on slow');
    const error = JSON.parse(slow.messages.find((m) => m.startsWith('{"id":"slow","type":"error"'))!) as { payload: { extensions: Record<string, unknown> }[] };
    expect(error.payload[0]!.extensions).toMatchObject({ code: 'RATE_LIMITED', reason: 'SUBSCRIBER_TOO_SLOW' });
    const countAtError = slow.messages.length;
    open();
    await fast.until(() => nexts(fast.messages, 'fast').some((m) => m.includes('"s4"')), 's4 on fast');
    await write('after');
    publish();
    await fast.until(() => nexts(fast.messages, 'fast').some((m) => m.includes('"after"')), 'after on fast');
    expect(slow.messages.length).toBe(countAtError);
    expect(slow.closed()).toBeUndefined(); // the operation ended, not the socket
  });

  it('stops pushing to an operation the client completed, and to the operations of a closed socket', async () => {
    const raw = await rawSocket();
    const other = await rawSocket();
    await raw.subscribe('done', { tag: 'done' });
    await other.subscribe('gone', { tag: 'gone' });
    raw.send({ id: 'done', type: 'complete' });
    other.socket.close(1000);
    await other.until(() => other.closed() !== undefined, 'close');
    const witness = await rawSocket();
    await witness.subscribe('witness', { tag: 'witness' });
    const calls = { done: predicateCalls.get('done'), gone: predicateCalls.get('gone') };
    const before = nexts(raw.messages, 'done').length;
    await write('later');
    publish();
    await witness.until(() => nexts(witness.messages, 'witness').some((m) => m.includes('"later"')), 'later on the witness');
    expect(nexts(raw.messages, 'done')).toHaveLength(before);
    // Neither subscription listens to the feed any more.
    expect({ done: predicateCalls.get('done'), gone: predicateCalls.get('gone') }).toEqual(calls);
  });

  it('replays from `since`, then goes live, with no gap and no duplicate', async () => {
    const first = await rawSocket();
    await first.subscribe('first');
    const since = (JSON.parse(nexts(first.messages, 'first').at(-1)!) as { payload: { data: { changed: { cursor: string } } } }).payload.data.changed.cursor;
    for (const subject of ['r1', 'r2', 'r3']) await write(subject);
    publish();
    const resumed = await rawSocket();
    const subscribing = resumed.subscribe('resumed', { since });
    await write('r4'); // while the resumed one opens and replays
    publish();
    await subscribing;
    await write('r5');
    publish();
    await resumed.until(() => nexts(resumed.messages, 'resumed').some((m) => m.includes('"r5"')), 'r5');
    const subjects = nexts(resumed.messages, 'resumed').map((m) => (JSON.parse(m) as { payload: { data: { changed: { subject: string } } } }).payload.data.changed.subject);
    expect(subjects.filter((s) => !s.startsWith('probe-'))).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);
    const cursors = nexts(resumed.messages, 'resumed').map((m) => (JSON.parse(m) as { payload: { data: { changed: { cursor: string } } } }).payload.data.changed.cursor);
    expect(new Set(cursors).size).toBe(cursors.length);
    expect([...cursors].sort()).toEqual(cursors);
  });
});
