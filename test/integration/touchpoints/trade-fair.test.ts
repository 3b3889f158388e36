/**
 * A small trade fair built entirely through the GraphQL API: an organiser, two exhibitors
 * with staff, visitors, a hall with seminar rooms and a tablet pool; then touchpoints and
 * bookings, with assertions on journeys, experience metrics and free-room answers.
 */
import type { App } from '../../../src/app';
import {
  BookDocument,
  CreateEntityDocument,
  ExperienceMetricsDocument,
  FreeResourcesDocument,
  JourneyDocument,
  OccupancyDocument,
  RecordTouchpointsDocument,
  RelateDocument,
  type RecordTouchpointInput,
} from '../../generated/graphql';
import { postGraphQL } from '../../support/graphql-client';
import { startTestServer, stopAllTestServers } from '../../support/test-server';

const run = `fair${Date.now().toString(36)}`;
const DAY1 = '2026-09-15';
const DAY2 = '2026-09-16';

let app: App;
const ids: Record<string, string> = {};

async function create(key: string, kind: string, properties?: Record<string, unknown>): Promise<void> {
  const res = await postGraphQL(app.url, CreateEntityDocument, { input: { kind, name: `${run} ${key}`, properties } });
  expect(res.errors).toBeUndefined();
  ids[key] = res.data!.createEntity.id;
}

async function relate(type: string, from: string, to: string, validFrom?: string): Promise<void> {
  const res = await postGraphQL(app.url, RelateDocument, { input: { type, fromId: ids[from]!, toId: ids[to]!, validFrom } });
  expect(res.errors).toBeUndefined();
}

function tp(at: string, channel: string, participants: [string, string?][], extra: Partial<RecordTouchpointInput> = {}): RecordTouchpointInput {
  return {
    channel,
    direction: 'INBOUND',
    occurredAt: at,
    participants: participants.map(([key, role]) => ({ entityId: ids[key]!, role: role ?? null })),
    ...extra,
  };
}

async function book(resource: string, booker: string, start: string, end: string, purpose: string) {
  const res = await postGraphQL(app.url, BookDocument, { input: { resourceId: ids[resource]!, bookerId: ids[booker]!, start, end, purpose } });
  return res;
}

beforeAll(async () => {
  app = await startTestServer();
  await create('FairCo', 'Organization');
  await create('Expo', 'Gathering', { format: 'trade fair', startsAt: `${DAY1}T08:00:00Z`, endsAt: `${DAY2}T18:00:00Z` });
  await create('Alpha', 'Organization');
  await create('Beta', 'Organization');
  await create('Ann', 'Person');
  await create('Al', 'Person');
  await create('Ben', 'Person');
  await create('Vera', 'Person');
  await create('Victor', 'Person');
  await create('Hall 3', 'Building');
  await create('Seminar S1', 'Room', { capacity: 30 });
  await create('Seminar S2', 'Room', { capacity: 80 });
  await create('Tablet 1', 'Device');
  await create('Tablet 2', 'Device');
  await create('Tablet 3', 'Device');
  await relate('ORGANIZES', 'FairCo', 'Expo');
  await relate('EXHIBITS_AT', 'Alpha', 'Expo');
  await relate('EXHIBITS_AT', 'Beta', 'Expo');
  await relate('WORKS_AT', 'Ann', 'Alpha', '2025-01-01T00:00:00Z');
  await relate('WORKS_AT', 'Al', 'Alpha', '2025-06-01T00:00:00Z');
  await relate('WORKS_AT', 'Ben', 'Beta', '2024-01-01T00:00:00Z');
  await relate('ATTENDS', 'Vera', 'Expo', `${DAY1}T09:00:00Z`);
  await relate('ATTENDS', 'Victor', 'Expo', `${DAY1}T09:30:00Z`);
  await relate('TAKES_PLACE_AT', 'Expo', 'Hall 3');
  await relate('PART_OF', 'Seminar S1', 'Hall 3');
  await relate('PART_OF', 'Seminar S2', 'Hall 3');
  for (const t of ['Tablet 1', 'Tablet 2', 'Tablet 3']) await relate('LOCATED_IN', t, 'Hall 3');

  const recorded = await postGraphQL(app.url, RecordTouchpointsDocument, {
    touchpoints: [
      tp(`${DAY1}T10:15:00Z`, 'VISIT', [['Vera', 'visitor'], ['Ann', 'stand staff']], {
        locationId: ids['Hall 3'], objectIds: [ids['Tablet 1']!], sentiment: 0.6, stage: 'CONSIDERATION', subject: 'Stand visit',
      }),
      tp(`${DAY1}T11:00:00Z`, 'MEETING', [['Victor', 'visitor'], ['Ben', 'sales']], { locationId: ids['Seminar S1'], sentiment: -0.2, stage: 'CONSIDERATION' }),
      tp(`${DAY1}T16:00:00Z`, 'SURVEY', [['Vera'], ['Alpha', 'rated exhibitor']], { rating: 9, ratingScale: 'NPS', sentiment: 0.8 }),
      tp(`${DAY1}T16:30:00Z`, 'SURVEY', [['Victor'], ['Alpha', 'rated exhibitor']], { rating: 5, ratingScale: 'NPS', sentiment: -0.4 }),
      tp(`${DAY2}T09:00:00Z`, 'EMAIL', [['Vera', 'lead'], ['Al', 'account manager']], { direction: 'OUTBOUND', subject: 'Your quote', sentiment: 0.5, stage: 'PURCHASE' }),
      tp(`${DAY2}T12:00:00Z`, 'PHONE', [['Vera', 'lead'], ['Al', 'account manager']], { direction: 'OUTBOUND', sentiment: 0.7, stage: 'PURCHASE' }),
    ],
  });
  expect(recorded.errors).toBeUndefined();

  for (const [resource, booker, start, end] of [
    ['Seminar S1', 'Alpha', `${DAY1}T10:00:00Z`, `${DAY1}T12:00:00Z`],
    ['Seminar S2', 'Beta', `${DAY1}T11:00:00Z`, `${DAY1}T13:00:00Z`],
    ['Tablet 1', 'Ann', `${DAY1}T08:00:00Z`, `${DAY1}T18:00:00Z`],
    ['Tablet 2', 'Ann', `${DAY1}T08:00:00Z`, `${DAY1}T18:00:00Z`],
  ] as const) {
    expect((await book(resource, booker, start, end, 'fair')).errors).toBeUndefined();
  }
});
afterAll(stopAllTestServers);

describe('a trade fair through the API', () => {
  it("gives a visitor's journey in time order with the ATTENDS relationship interleaved", async () => {
    const res = await postGraphQL(app.url, JourneyDocument, { entityId: ids.Vera!, first: 20 });
    expect(res.errors).toBeUndefined();
    const steps = res.data!.journey.edges.map((e) => [e.node.kind, e.node.touchpoint?.channel ?? e.node.relationship?.type]);
    expect(steps).toEqual([
      ['RELATIONSHIP_STARTED', 'ATTENDS'],
      ['TOUCHPOINT', 'VISIT'],
      ['TOUCHPOINT', 'SURVEY'],
      ['TOUCHPOINT', 'EMAIL'],
      ['TOUCHPOINT', 'PHONE'],
    ]);
    const back = await postGraphQL(app.url, JourneyDocument, { entityId: ids.Vera!, last: 2 });
    expect(back.data!.journey.edges.map((e) => e.node.touchpoint?.channel)).toEqual(['EMAIL', 'PHONE']);
    const before = await postGraphQL(app.url, JourneyDocument, { entityId: ids.Vera!, last: 2, before: back.data!.journey.pageInfo.startCursor });
    expect(before.data!.journey.edges.map((e) => e.node.touchpoint?.channel)).toEqual(['VISIT', 'SURVEY']);
    expect(before.data!.journey.pageInfo.hasPreviousPage).toBe(true);
  });

  it("measures an exhibitor's experience including its staff's touchpoints", async () => {
    const res = await postGraphQL(app.url, ExperienceMetricsDocument, { entityId: ids.Alpha!, includeMembers: true, period: 'DAY' });
    expect(res.errors).toBeUndefined();
    const m = res.data!.experienceMetrics;
    expect(m.touchpointCount).toBe(5);
    expect(m.byChannel).toEqual([
      { channel: 'SURVEY', count: 2 },
      { channel: 'EMAIL', count: 1 },
      { channel: 'PHONE', count: 1 },
      { channel: 'VISIT', count: 1 },
    ]);
    expect(m.mostUsedChannel).toBe('SURVEY');
    expect(m.byPeriod).toEqual([
      { start: DAY1, count: 3, averageSentiment: 0.3333 },
      { start: DAY2, count: 2, averageSentiment: 0.6 },
    ]);
    expect(m.nps).toEqual({ respondents: 2, promoters: 1, passives: 0, detractors: 1, score: 0 });
    expect(m.firstContactAt).toBe(`${DAY1}T10:15:00.000Z`);
    expect(m.lastContactAt).toBe(`${DAY2}T12:00:00.000Z`);
    expect(m.sentimentTrend).toBeGreaterThan(0);

    const direct = await postGraphQL(app.url, ExperienceMetricsDocument, { entityId: ids.Alpha! });
    expect(direct.data!.experienceMetrics.touchpointCount).toBe(2);
    const beta = await postGraphQL(app.url, ExperienceMetricsDocument, { entityId: ids.Beta!, includeMembers: true });
    expect(beta.data!.experienceMetrics).toMatchObject({ touchpointCount: 1, mostUsedChannel: 'MEETING', averageSentiment: -0.2 });
  });

  it('measures a filter across the whole fair', async () => {
    const res = await postGraphQL(app.url, ExperienceMetricsDocument, {
      filter: { participantIds: [ids.Vera!, ids.Victor!], stages: ['CONSIDERATION'] },
    });
    expect(res.data!.experienceMetrics).toMatchObject({ touchpointCount: 2, averageSentiment: 0.2 });
  });

  it('answers which seminar rooms and tablets of the hall are free', async () => {
    const free = async (kind: string, start: string, end: string, minCapacity?: number) => {
      const res = await postGraphQL(app.url, FreeResourcesDocument, { kind, start, end, locationId: ids['Hall 3']!, minCapacity });
      expect(res.errors).toBeUndefined();
      return res.data!.freeResources.map((r) => r.name.replace(`${run} `, ''));
    };
    expect(await free('Room', `${DAY1}T11:00:00Z`, `${DAY1}T12:00:00Z`)).toEqual([]);
    expect(await free('Room', `${DAY1}T12:00:00Z`, `${DAY1}T13:00:00Z`)).toEqual(['Seminar S1']);
    expect(await free('Room', `${DAY1}T12:00:00Z`, `${DAY1}T13:00:00Z`, 50)).toEqual([]);
    expect(await free('Room', `${DAY1}T13:00:00Z`, `${DAY1}T14:00:00Z`, 50)).toEqual(['Seminar S2']);
    expect(await free('Device', `${DAY1}T09:00:00Z`, `${DAY1}T10:00:00Z`)).toEqual(['Tablet 3']);
    expect(await free('Device', `${DAY2}T09:00:00Z`, `${DAY2}T10:00:00Z`)).toEqual(['Tablet 1', 'Tablet 2', 'Tablet 3']);
  });

  it('tells who occupies a seminar room and refuses a double booking of a tablet', async () => {
    const occ = await postGraphQL(app.url, OccupancyDocument, { resourceId: ids['Seminar S1']!, at: `${DAY1}T10:30:00Z` });
    expect(occ.data!.occupancy.occupied).toBe(true);
    expect(occ.data!.occupancy.bookings.map((b) => b.booker?.id)).toEqual([ids.Alpha]);
    const clash = await book('Tablet 1', 'Ben', `${DAY1}T17:00:00Z`, `${DAY1}T19:00:00Z`, 'demo');
    expect(clash.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });
});
