import type { Client } from 'graphql-ws';
import type { App } from '../../../src/app';
import { DeleteTouchpointDocument, OnOccupancyChangedDocument, OnTouchpointChangedDocument, OnTouchpointRecordedDocument, UpdateTouchpointDocument } from '../../generated/graphql';
import { postGraphQL } from '../../support/graphql-client';
import { startTestServer, stopAllTestServers } from '../../support/test-server';
import { settle, Subscribed, wsClient } from './subscription-client';

// Servers start and stop in these tests: allow for a loaded machine.
jest.setTimeout(30_000);

let app: App;
const clients: Client[] = [];
const client = () => {
  const c = wsClient(app.url);
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

const tag = () => Math.random().toString(36).slice(2, 8);

async function entity(kind: string, name = `${kind} ${tag()}`): Promise<string> {
  const res = await postGraphQL<{ createEntity: { id: string } }, Record<string, unknown>>(
    app.url,
    'mutation($input: CreateEntityInput!) { createEntity(input: $input) { id } }',
    { input: { kind, name } },
  );
  expect(res.errors).toBeUndefined();
  return res.data!.createEntity.id;
}

async function relate(type: string, fromId: string, toId: string): Promise<void> {
  const res = await postGraphQL(app.url, 'mutation($input: RelateInput!) { relate(input: $input) { id } }', { input: { type, fromId, toId } });
  expect(res.errors).toBeUndefined();
}

async function touchpoint(participantIds: string[], channel = 'EMAIL', sentiment: number | null = null): Promise<string> {
  const res = await postGraphQL<{ recordTouchpoint: { id: string } }, Record<string, unknown>>(
    app.url,
    'mutation($input: RecordTouchpointInput!) { recordTouchpoint(input: $input) { id } }',
    {
      input: {
        channel,
        direction: 'INBOUND',
        occurredAt: new Date().toISOString(),
        sentiment,
        participants: participantIds.map((entityId) => ({ entityId })),
      },
    },
  );
  expect(res.errors).toBeUndefined();
  return res.data!.recordTouchpoint.id;
}

describe('touchpointChanged', () => {
  it('delivers recordings, corrections (also one that leaves the filter) and deletions in order; touchpointRecorded only recordings', async () => {
    const ann = await entity('Person');
    const changes = new Subscribed(client(), OnTouchpointChangedDocument, { filter: { participantIds: [ann], channels: ['EMAIL'] } });
    const recorded = new Subscribed(client(), OnTouchpointRecordedDocument, { filter: { participantIds: [ann] } });
    await settle(100);
    const id = await touchpoint([ann], 'EMAIL', 0.2);
    const corrected = await postGraphQL(app.url, UpdateTouchpointDocument, { input: { id, expectedVersion: 1, sentiment: -0.4 } });
    expect(corrected.errors).toBeUndefined();
    // Moving it to another channel leaves the filter: still delivered, since it matched before.
    const moved = await postGraphQL(app.url, UpdateTouchpointDocument, { input: { id, expectedVersion: 2, channel: 'PHONE' } });
    expect(moved.errors).toBeUndefined();
    // Deleted once it no longer matches: not delivered.
    expect((await postGraphQL(app.url, DeleteTouchpointDocument, { id, expectedVersion: 3 })).errors).toBeUndefined();
    const second = await touchpoint([ann], 'EMAIL', 0.5);
    expect((await postGraphQL(app.url, DeleteTouchpointDocument, { id: second, expectedVersion: 1 })).errors).toBeUndefined();
    await changes.count(5);
    await recorded.count(2);
    await settle();
    expect(changes.data.map((d) => [d.touchpointChanged.type, d.touchpointChanged.touchpoint.channel, d.touchpointChanged.touchpoint.sentiment])).toEqual([
      ['TOUCHPOINT_RECORDED', 'EMAIL', 0.2],
      ['TOUCHPOINT_UPDATED', 'EMAIL', -0.4],
      ['TOUCHPOINT_UPDATED', 'PHONE', -0.4],
      ['TOUCHPOINT_RECORDED', 'EMAIL', 0.5],
      ['TOUCHPOINT_DELETED', 'EMAIL', 0.5],
    ]);
    expect(changes.data[4]!.touchpointChanged.touchpoint.id).toBe(second);
    expect(recorded.data.map((d) => d.touchpointRecorded.touchpoint.id)).toEqual([id, second]);
    changes.stop();
    recorded.stop();
  });
});

describe('touchpointRecorded', () => {
  it('filters by participants, channels and sentiment', async () => {
    const [ann, bob] = [await entity('Person'), await entity('Person')];
    const forAnn = new Subscribed(client(), OnTouchpointRecordedDocument, { filter: { participantIds: [ann] } });
    const positivePhone = new Subscribed(client(), OnTouchpointRecordedDocument, {
      filter: { participantIds: [ann, bob], channels: ['PHONE'], minSentiment: 0.5 },
    });
    await settle(100);
    const t1 = await touchpoint([ann], 'EMAIL', 0.9);
    await touchpoint([bob], 'PHONE', 0.1);
    const t3 = await touchpoint([bob], 'PHONE', 0.8);
    await forAnn.count(1);
    await positivePhone.count(1);
    await settle();
    expect(forAnn.data.map((d) => d.touchpointRecorded.touchpoint.id)).toEqual([t1]);
    expect(positivePhone.data.map((d) => d.touchpointRecorded.touchpoint.id)).toEqual([t3]);
    expect(forAnn.data[0]!.touchpointRecorded).toMatchObject({ type: 'TOUCHPOINT_RECORDED', touchpoint: { channel: 'EMAIL', sentiment: 0.9 } });
  });

  it('filters by the kinds of the participants', async () => {
    const [person, org] = [await entity('Person'), await entity('Organization')];
    const orgs = new Subscribed(client(), OnTouchpointRecordedDocument, { filter: { participantIds: [person, org], participantKinds: ['Organization'] } });
    await settle(100);
    await touchpoint([person]);
    const withOrg = await touchpoint([person, org]);
    await orgs.count(1);
    await settle();
    expect(orgs.data.map((d) => d.touchpointRecorded.touchpoint.id)).toEqual([withOrg]);
  });

  it('follows the network of an entity, counting a relationship added after subscribing', async () => {
    const acme = await entity('Organization');
    const [ann, bob, carl] = [await entity('Person'), await entity('Person'), await entity('Person')];
    await relate('WORKS_AT', ann, acme);
    const network = new Subscribed(client(), OnTouchpointRecordedDocument, { filter: { withinNetworkOf: { id: acme, depth: 2 } } });
    await settle(100);
    const byAnn = await touchpoint([ann]);
    await touchpoint([bob]); // not in the network (yet)
    await relate('KNOWS', bob, ann); // bob is now 2 hops from acme
    const byBob = await touchpoint([bob]);
    await touchpoint([carl]);
    await network.count(2);
    await settle();
    expect(network.data.map((d) => d.touchpointRecorded.touchpoint.id)).toEqual([byAnn, byBob]);
  });

  it('refuses a network deeper than 2 and an unknown centre up front', async () => {
    const deep = new Subscribed(client(), OnTouchpointRecordedDocument, { filter: { withinNetworkOf: { id: 'x', depth: 3 } } });
    await deep.ended();
    expect(deep.results[0]!.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    const unknown = new Subscribed(client(), OnTouchpointRecordedDocument, { filter: { withinNetworkOf: { id: 'no-such-entity', depth: 1 } } });
    await unknown.ended();
    expect(unknown.results[0]!.errors![0]!.extensions).toMatchObject({ code: expect.stringMatching(/NOT_FOUND|BAD_USER_INPUT/) });
  });
});

describe('occupancyChanged', () => {
  it('delivers bookings made and cancelled on one resource only', async () => {
    const [room, other, booker] = [await entity('Room'), await entity('Room'), await entity('Person')];
    const sub = new Subscribed(client(), OnOccupancyChangedDocument, { resourceId: room });
    await settle(100);
    const book = (resourceId: string, hour: number) =>
      postGraphQL<{ book: { id: string } }, Record<string, unknown>>(app.url, 'mutation($input: BookInput!) { book(input: $input) { id } }', {
        input: { resourceId, bookerId: booker, start: `2031-01-01T${hour}:00:00Z`, end: `2031-01-01T${hour + 1}:00:00Z` },
      });
    const made = await book(room, 10);
    expect(made.errors).toBeUndefined();
    await book(other, 10);
    const cancelled = await postGraphQL(app.url, 'mutation($id: ID!) { cancelBooking(id: $id) { id } }', { id: made.data!.book.id });
    expect(cancelled.errors).toBeUndefined();
    await sub.count(2);
    await settle();
    expect(sub.data.map((d) => [d.occupancyChanged.type, d.occupancyChanged.booking.status, d.occupancyChanged.resourceId])).toEqual([
      ['BOOKING_MADE', 'ACTIVE', room],
      ['BOOKING_CANCELLED', 'CANCELLED', room],
    ]);
  });
});
