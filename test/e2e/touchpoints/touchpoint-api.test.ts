import type { App } from '../../../src/app';
import {
  CreateEntityDocument,
  DefineChannelDocument,
  DeleteChannelDocument,
  DeleteTouchpointDocument,
  DeprecateChannelDocument,
  ExperienceMetricsDocument,
  GetTouchpointDocument,
  JourneyDocument,
  ListTouchpointsDocument,
  RecordTouchpointDocument,
  RecordTouchpointsDocument,
  UpdateChannelDocument,
  UpdateTouchpointDocument,
  type RecordTouchpointInput,
} from '../../generated/graphql';
import { CountingEngine } from '../../support/counting-engine';
import { postGraphQL, type GraphQLResponse } from '../../support/graphql-client';
import { startTestServer, stopAllTestServers } from '../../support/test-server';

/** Makes this run's names unique, so the test owns its data. */
const run = `tp${Date.now().toString(36)}`;

let app: App;
let counter: CountingEngine;
let ann: string;
let bob: string;
let room: string;
let tablet: string;

async function entity(kind: string, name: string): Promise<string> {
  const res = await postGraphQL(app.url, CreateEntityDocument, { input: { kind, name: `${run} ${name}` } });
  expect(res.errors).toBeUndefined();
  return res.data!.createEntity.id;
}

beforeAll(async () => {
  app = await startTestServer({ wrapEngine: (engine) => (counter = new CountingEngine(engine)) });
  [ann, bob, room, tablet] = [await entity('Person', 'Ann'), await entity('Person', 'Bob'), await entity('Room', 'Room'), await entity('Device', 'Tablet')];
});
afterAll(stopAllTestServers);

function input(extra: Partial<RecordTouchpointInput> = {}): RecordTouchpointInput {
  return { channel: 'EMAIL', direction: 'INBOUND', occurredAt: '2026-03-01T10:00:00Z', participants: [{ entityId: ann, role: 'guest' }], ...extra };
}

/** How many touchpoints involve this run's people: must not change after a refused write. */
async function footprint(): Promise<number> {
  const res = await postGraphQL(app.url, ListTouchpointsDocument, { filter: { participantIds: [ann, bob] }, first: 0 });
  return res.data!.touchpoints.totalCount;
}

function expectError(res: GraphQLResponse<unknown>, code: string, field?: string): void {
  expect(res.status).toBe(200);
  expect(res.errors?.[0]?.extensions).toMatchObject({ code, ...(field === undefined ? {} : { field }) });
  expect(JSON.stringify(res.errors)).not.toMatch(/MATCH|Grafeo|stack/);
}

describe('touchpoints over HTTP', () => {
  it('records, reads with participants resolved, updates, and deletes a touchpoint', async () => {
    const rec = await postGraphQL(app.url, RecordTouchpointDocument, {
      input: input({ participants: [{ entityId: ann, role: 'guest' }, { entityId: bob }], objectIds: [tablet], locationId: room, rating: 4.5, ratingScale: 'FIVE_STAR' }),
    });
    expect(rec.errors).toBeUndefined();
    const t = rec.data!.recordTouchpoint;
    expect(t).toMatchObject({ channel: 'EMAIL', rating: 4.5, ratingScale: 'FIVE_STAR', location: { id: room }, objects: [{ id: tablet }], version: 1 });
    expect(t.participants.map((p) => p.entity?.name).sort()).toEqual([`${run} Ann`, `${run} Bob`]);

    const upd = await postGraphQL(app.url, UpdateTouchpointDocument, { input: { id: t.id, expectedVersion: 1, summary: 'Follow-up agreed', locationId: null } });
    expect(upd.data!.updateTouchpoint).toMatchObject({ version: 2, summary: 'Follow-up agreed', locationId: null, location: null });

    expectError(await postGraphQL(app.url, UpdateTouchpointDocument, { input: { id: t.id, expectedVersion: 1, summary: 'stale' } }), 'CONFLICT');
    const del = await postGraphQL(app.url, DeleteTouchpointDocument, { id: t.id, expectedVersion: 2 });
    expect(del.data!.deleteTouchpoint.id).toBe(t.id);
    expect((await postGraphQL(app.url, GetTouchpointDocument, { id: t.id })).data!.touchpoint).toBeNull();
  });

  it('returns the first touchpoint for a retried idempotency key and records nothing more', async () => {
    const first = await postGraphQL(app.url, RecordTouchpointDocument, { input: input({ idempotencyKey: `${run}-k`, subject: 'first' }) });
    const before = await footprint();
    const again = await postGraphQL(app.url, RecordTouchpointDocument, { input: input({ idempotencyKey: `${run}-k`, subject: 'second' }) });
    expect(again.data!.recordTouchpoint).toEqual(first.data!.recordTouchpoint);
    expect(await footprint()).toBe(before);
  });

  const refused: [string, () => Partial<RecordTouchpointInput>, string, string][] = [
    ['an unknown channel', () => ({ channel: 'PIGEON_POST' }), 'BAD_USER_INPUT', 'channel'],
    ['a five-star rating of 6', () => ({ rating: 6, ratingScale: 'FIVE_STAR' }), 'BAD_USER_INPUT', 'rating'],
    ['an NPS rating of 7.5', () => ({ rating: 7.5, ratingScale: 'NPS' }), 'BAD_USER_INPUT', 'rating'],
    ['a rating without its scale', () => ({ rating: 3 }), 'BAD_USER_INPUT', 'ratingScale'],
    ['a sentiment below -1', () => ({ sentiment: -1.5 }), 'BAD_USER_INPUT', 'sentiment'],
    ['an occurredAt on 30 February', () => ({ occurredAt: '2026-02-30T10:00:00Z' }), 'BAD_USER_INPUT', 'occurredAt'],
    ['an occurredAt without a time zone', () => ({ occurredAt: '2026-03-01T10:00:00' }), 'BAD_USER_INPUT', 'occurredAt'],
    ['an unknown participant', () => ({ participants: [{ entityId: '01JZZZZZZZZZZZZZZZZZZZZZZZ' }] }), 'NOT_FOUND', 'participants[0].entityId'],
    ['no stakeholder among the participants', () => ({ participants: [{ entityId: room }] }), 'BAD_USER_INPUT', 'participants'],
    ['no participants at all', () => ({ participants: [] }), 'BAD_USER_INPUT', 'participants'],
    ['a location that is a person', () => ({ locationId: bob }), 'BAD_USER_INPUT', 'locationId'],
    ['an object that does not exist', () => ({ objectIds: ['nope'] }), 'NOT_FOUND', 'objectIds[0]'],
    ['a lower-case stage', () => ({ stage: 'awareness' }), 'BAD_USER_INPUT', 'stage'],
    ['a custom property the channel does not define', () => ({ properties: { shoeSize: 44 } }), 'BAD_USER_INPUT', 'properties.shoeSize'],
  ];
  it.each(refused)('refuses to record a touchpoint with %s, writing nothing', async (_label, extra, code, field) => {
    const before = await footprint();
    const res = await postGraphQL(app.url, RecordTouchpointDocument, { input: input(extra()) });
    expectError(res, code, field);
    expect(res.data).toBeNull();
    expect(await footprint()).toBe(before);
  });

  it('refuses to update or delete a touchpoint that does not exist', async () => {
    expectError(await postGraphQL(app.url, UpdateTouchpointDocument, { input: { id: 'nope', expectedVersion: 1 } }), 'NOT_FOUND');
    expectError(await postGraphQL(app.url, DeleteTouchpointDocument, { id: 'nope' }), 'NOT_FOUND');
  });

  it('refuses an update with a rating outside the current scale', async () => {
    const t = (await postGraphQL(app.url, RecordTouchpointDocument, { input: input({ rating: 9, ratingScale: 'NPS' }) })).data!.recordTouchpoint;
    expectError(await postGraphQL(app.url, UpdateTouchpointDocument, { input: { id: t.id, expectedVersion: 1, rating: 11 } }), 'BAD_USER_INPUT', 'rating');
    expect((await postGraphQL(app.url, GetTouchpointDocument, { id: t.id })).data!.touchpoint).toMatchObject({ rating: 9, version: 1 });
  });

  it('records in bulk all or nothing, reporting every refused item', async () => {
    const before = await footprint();
    const res = await postGraphQL(app.url, RecordTouchpointsDocument, {
      touchpoints: [input(), input({ sentiment: 2 }), input(), input({ participants: [{ entityId: 'ghost' }] })],
    });
    expectError(res, 'BAD_USER_INPUT', 'touchpoints');
    expect(res.errors?.[0]?.extensions?.itemErrors).toEqual([
      { index: 1, field: 'sentiment', code: 'BAD_USER_INPUT', message: expect.any(String) },
      { index: 3, field: 'participants[0].entityId', code: 'NOT_FOUND', message: expect.any(String) },
    ]);
    expect(await footprint()).toBe(before);

    const tooMany = await postGraphQL(app.url, RecordTouchpointsDocument, { touchpoints: Array.from({ length: 1001 }, () => input()) });
    expectError(tooMany, 'BAD_USER_INPUT', 'touchpoints');

    const ok = await postGraphQL(app.url, RecordTouchpointsDocument, {
      touchpoints: Array.from({ length: 200 }, (_, i) => input({ occurredAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(), idempotencyKey: `${run}-bulk-${i}` })),
    });
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.recordTouchpoints).toHaveLength(200);
    expect(await footprint()).toBe(before + 200);
  });

  it('lists a page of touchpoints with their participants in a constant number of engine calls', async () => {
    counter.reset();
    const small = await postGraphQL(app.url, ListTouchpointsDocument, { filter: { participantIds: [ann] }, first: 2 });
    const smallCalls = counter.calls.length;
    counter.reset();
    const big = await postGraphQL(app.url, ListTouchpointsDocument, { filter: { participantIds: [ann] }, first: 50 });
    expect(big.data!.touchpoints.edges).toHaveLength(50);
    expect(small.data!.touchpoints.edges).toHaveLength(2);
    expect(counter.calls.length).toBe(smallCalls);
    const times = big.data!.touchpoints.edges.map((e) => e.node.occurredAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('refuses bad list, journey and metrics arguments with typed errors', async () => {
    expectError(await postGraphQL(app.url, ListTouchpointsDocument, { first: 101 }), 'BAD_USER_INPUT', 'first');
    expectError(await postGraphQL(app.url, ListTouchpointsDocument, { after: 'bogus' }), 'BAD_USER_INPUT', 'after');
    expectError(await postGraphQL(app.url, ListTouchpointsDocument, { filter: { from: 'last week' } }), 'BAD_USER_INPUT', 'filter.from');
    expectError(await postGraphQL(app.url, ListTouchpointsDocument, { filter: { channels: ['FAX'] } }), 'BAD_USER_INPUT', 'filter.channels[0]');
    expectError(await postGraphQL(app.url, ListTouchpointsDocument, { filter: { minSentiment: 3 } }), 'BAD_USER_INPUT', 'filter.minSentiment');
    expectError(await postGraphQL(app.url, JourneyDocument, { entityId: 'nope' }), 'NOT_FOUND');
    expectError(await postGraphQL(app.url, JourneyDocument, { entityId: ann, from: 'yesterday' }), 'BAD_USER_INPUT', 'from');
    expectError(await postGraphQL(app.url, JourneyDocument, { entityId: ann, first: 2, last: 2 }), 'BAD_USER_INPUT');
    expectError(await postGraphQL(app.url, ExperienceMetricsDocument, { entityId: 'nope' }), 'NOT_FOUND');
    expectError(await postGraphQL(app.url, ExperienceMetricsDocument, { filter: { to: '2026-13-01T00:00:00Z' } }), 'BAD_USER_INPUT', 'filter.to');
  });

  it('defines a channel with a property schema and records on it; refuses bad and duplicate names', async () => {
    const name = `APP_${run.toUpperCase()}`;
    const def = await postGraphQL(app.url, DefineChannelDocument, { input: { name, properties: [{ name: 'screen', type: 'STRING', required: true }] } });
    expect(def.data!.defineChannel).toMatchObject({ name, builtIn: false, properties: [{ name: 'screen', type: 'STRING' }] });
    expectError(await postGraphQL(app.url, DefineChannelDocument, { input: { name } }), 'CONFLICT');
    expectError(await postGraphQL(app.url, DefineChannelDocument, { input: { name: 'bad name' } }), 'BAD_USER_INPUT', 'name');
    expectError(
      await postGraphQL(app.url, DefineChannelDocument, { input: { name: `${name}_2`, properties: [{ name: 'sentiment', type: 'FLOAT' }] } }),
      'BAD_USER_INPUT',
      'properties[0].name',
    );
    expectError(await postGraphQL(app.url, RecordTouchpointDocument, { input: input({ channel: name }) }), 'BAD_USER_INPUT', 'properties.screen');
    const ok = await postGraphQL(app.url, RecordTouchpointDocument, { input: input({ channel: name, properties: { screen: 'home' } }) });
    expect(ok.data!.recordTouchpoint).toMatchObject({ channel: name, properties: { screen: 'home' } });
  });

  it('changes, deprecates and deletes channels over GraphQL with typed refusals', async () => {
    const name = `DESK_${run.toUpperCase()}`;
    const def = await postGraphQL(app.url, DefineChannelDocument, { input: { name } });
    expect(def.data!.defineChannel).toMatchObject({ name, deprecated: false, version: 1 });
    const upd = await postGraphQL(app.url, UpdateChannelDocument, {
      name,
      input: { expectedVersion: 1, description: 'Info desk', properties: [{ name: 'desk', type: 'STRING' }] },
    });
    expect(upd.data!.updateChannel).toMatchObject({ description: 'Info desk', version: 2, properties: [{ name: 'desk', type: 'STRING', required: false }] });
    expectError(await postGraphQL(app.url, UpdateChannelDocument, { name, input: { expectedVersion: 1 } }), 'CONFLICT');
    expectError(await postGraphQL(app.url, UpdateChannelDocument, { name: 'NO_SUCH_CHANNEL', input: { expectedVersion: 1 } }), 'NOT_FOUND');

    await postGraphQL(app.url, RecordTouchpointDocument, { input: input({ channel: name, properties: { desk: 'A' } }) });
    const dep = await postGraphQL(app.url, DeprecateChannelDocument, { name });
    expect(dep.data!.deprecateChannel).toMatchObject({ deprecated: true, version: 3 });
    expectError(await postGraphQL(app.url, RecordTouchpointDocument, { input: input({ channel: name }) }), 'BAD_USER_INPUT', 'channel');
    expectError(await postGraphQL(app.url, DeleteChannelDocument, { name }), 'CONFLICT');
    expectError(await postGraphQL(app.url, DeleteChannelDocument, { name: 'EMAIL' }), 'CONFLICT');

    const spare = `${name}_SPARE`;
    await postGraphQL(app.url, DefineChannelDocument, { input: { name: spare } });
    expect((await postGraphQL(app.url, DeleteChannelDocument, { name: spare })).data).toEqual({ deleteChannel: true });
  });

  it('keeps touchpoints out of an entity’s relationships', async () => {
    const res = await postGraphQL(app.url, `query ($id: ID!) { entity(id: $id) { relationships { totalCount } } }`, { id: ann });
    expect(res.data).toEqual({ entity: { relationships: { totalCount: 0 } } });
  });
});
