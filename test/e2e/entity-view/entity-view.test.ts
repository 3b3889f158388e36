import type { App } from '../../../src/app';
import { BookDocument, CreateEntityDocument, EntityViewDocument, RecordTouchpointsDocument, RelateDocument } from '../../generated/graphql';
import { CountingEngine } from '../../support/counting-engine';
import { postGraphQL } from '../../support/graphql-client';
import { startTestServer, stopAllTestServers } from '../../support/test-server';

/** A prefix that makes this run's names unique, so tests own their data. */
const run = `ev${Date.now().toString(36)}`;

let app: App;
let counter: CountingEngine;

beforeAll(async () => {
  app = await startTestServer({ wrapEngine: (engine) => (counter = new CountingEngine(engine)) });
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

/** Engine statements since the last reset, without metamodel cache reloads. */
function roundTrips(): string[] {
  return counter.calls.filter((name) => !name.startsWith('metamodel/'));
}

describe('entityView: the 360° view of an entity', () => {
  it('returns relationships by type, key neighbours, touchpoints, metrics and bookings in at most 4 engine round trips', async () => {
    const acme = await createEntity('Organization', `${run} Acme`);
    const people: Awaited<ReturnType<typeof createEntity>>[] = [];
    for (let i = 0; i < 12; i += 1) people.push(await createEntity('Person', `${run} Person ${String(i).padStart(2, '0')}`));
    const customers: Awaited<ReturnType<typeof createEntity>>[] = [];
    for (let i = 0; i < 7; i += 1) customers.push(await createEntity('Organization', `${run} Customer ${i}`));
    const association = await createEntity('Organization', `${run} Association`);
    const room = await createEntity('Room', `${run} Room`, { capacity: 1 });

    for (const [i, p] of people.entries()) await relate('WORKS_AT', p.id, acme.id, { strength: i === 7 ? 0.95 : 0.2 });
    for (const [i, c] of customers.entries()) await relate('CUSTOMER_OF', c.id, acme.id, i === 3 ? { strength: 0.9 } : {});
    await relate('MEMBER_OF', acme.id, association.id, { strength: 0.1 });

    const touchpoints = Array.from({ length: 15 }, (_, i) => ({
      channel: i % 3 === 0 ? 'MEETING' : 'EMAIL',
      direction: 'OUTBOUND' as const,
      occurredAt: new Date(Date.UTC(2025, 0, 1 + i, 10)).toISOString(),
      sentiment: i % 2 === 0 ? 0.5 : -0.5,
      subject: `${run} tp ${i}`,
      participants: [{ entityId: acme.id, role: 'host' }, { entityId: people[i % people.length]!.id }],
    }));
    const recorded = await postGraphQL(app.url, RecordTouchpointsDocument, { touchpoints });
    expect(recorded.errors).toBeUndefined();

    for (let i = 0; i < 3; i += 1) {
      const booked = await postGraphQL(app.url, BookDocument, {
        input: {
          resourceId: room.id,
          bookerId: acme.id,
          start: new Date(Date.UTC(2026, 2, 1 + i, 9)).toISOString(),
          end: new Date(Date.UTC(2026, 2, 1 + i, 10)).toISOString(),
        },
      });
      expect(booked.errors).toBeUndefined();
    }

    counter.reset();
    const res = await postGraphQL(app.url, EntityViewDocument, { id: acme.id, relationshipsPerType: 3, keyNeighbours: 2, recentTouchpoints: 4 });
    const calls = roundTrips();
    expect(calls).toEqual(["entity-view/relationships", "entity-view/activity"]);
    expect(res.errors).toBeUndefined();
    expect(calls.length).toBeLessThanOrEqual(4);

    const view = res.data!.entityView!;
    expect(view.entity).toMatchObject({ id: acme.id, kind: 'Organization' });
    expect(view.relationshipGroups.map((g) => [g.type, g.totalCount, g.relationships.length])).toEqual([
      ['CUSTOMER_OF', 7, 3],
      ['MEMBER_OF', 1, 1],
      ['WORKS_AT', 12, 3],
    ]);
    const works = view.relationshipGroups.find((g) => g.type === 'WORKS_AT')!;
    expect(works.relationships.map((r) => r.other.id)).toEqual(people.slice(0, 3).map((p) => p.id));
    for (const r of works.relationships) {
      expect(r.direction).toBe('INCOMING');
      expect(r.relationship.toId).toBe(acme.id);
      expect(r.other.name).toBe(people.find((p) => p.id === r.other.id)!.name);
    }
    expect(view.relationshipGroups.find((g) => g.type === 'MEMBER_OF')!.relationships[0]).toMatchObject({
      direction: 'OUTGOING',
      other: { id: association.id, kind: 'Organization' },
    });

    expect(view.keyNeighbours.map((n) => [n.entity.id, n.strength, n.relationshipCount])).toEqual([
      [people[7]!.id, 0.95, 1],
      [customers[3]!.id, 0.9, 1],
    ]);

    expect(view.touchpointCount).toBe(15);
    expect(view.recentTouchpoints.map((t) => t.occurredAt)).toEqual(
      [14, 13, 12, 11].map((d) => new Date(Date.UTC(2025, 0, 1 + d, 10)).toISOString()),
    );
    expect(view.recentTouchpoints[0]!.participants.map((p) => p.entityId).sort()).toEqual([acme.id, people[14 % 12]!.id].sort());
    expect(view.experience).toMatchObject({
      touchpointCount: 15,
      averageSentiment: Math.round(((8 * 0.5 - 7 * 0.5) / 15) * 10_000) / 10_000,
      mostUsedChannel: 'EMAIL',
      byChannel: [
        { channel: 'EMAIL', count: 10 },
        { channel: 'MEETING', count: 5 },
      ],
    });
    expect(new Date(view.experience.lastContactAt!).toISOString()).toBe(new Date(Date.UTC(2025, 0, 15, 10)).toISOString());

    expect(view.asResource).toEqual({ totalCount: 0, bookings: [] });
    expect(view.asBooker.totalCount).toBe(3);
    expect(view.asBooker.bookings.map((b) => new Date(b.start).getUTCDate())).toEqual([3, 2, 1]);
    expect(view.asBooker.bookings.every((b) => b.resourceId === room.id && b.bookerId === acme.id)).toBe(true);

    // The same cost whatever the amount of data: the room (3 bookings, nothing else) costs no fewer calls.
    counter.reset();
    const roomView = await postGraphQL(app.url, EntityViewDocument, { id: room.id });
    expect(roomView.errors).toBeUndefined();
    expect(roundTrips().length).toBe(calls.length);
    expect(roomView.data!.entityView).toMatchObject({
      relationshipGroups: [],
      keyNeighbours: [],
      touchpointCount: 0,
      recentTouchpoints: [],
      experience: { touchpointCount: 0, lastContactAt: null },
      asResource: { totalCount: 3 },
      asBooker: { totalCount: 0, bookings: [] },
    });
  });

  it('is null for an unknown id and refuses sizes above the page maximum', async () => {
    const missing = await postGraphQL(app.url, EntityViewDocument, { id: '01HZZZZZZZZZZZZZZZZZZZZZZZ' });
    expect(missing.errors).toBeUndefined();
    expect(missing.data!.entityView).toBeNull();
    const tooMany = await postGraphQL(app.url, EntityViewDocument, { id: '01HZZZZZZZZZZZZZZZZZZZZZZZ', bookings: 1000 });
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('entityView with the touchpoint term of relationship strength switched on', () => {
  let tpApp: App;
  let tpCounter: CountingEngine;

  beforeAll(async () => {
    tpApp = await startTestServer({
      env: { STRENGTH_WEIGHT_TOUCHPOINTS: '1' },
      wrapEngine: (engine) => (tpCounter = new CountingEngine(engine)),
    });
  });

  it('ranks a neighbour with touchpoints above an equal one without, in at most 4 round trips', async () => {
    const create = async (kind: string, name: string) => {
      const res = await postGraphQL(tpApp.url, CreateEntityDocument, { input: { kind, name } });
      expect(res.errors).toBeUndefined();
      return res.data!.createEntity;
    };
    const hub = await create('Person', `${run} Hub`);
    const warm = await create('Person', `${run} Warm`);
    const cold = await create('Person', `${run} Cold`);
    for (const other of [cold, warm]) {
      const rel = await postGraphQL(tpApp.url, RelateDocument, { input: { type: 'KNOWS', fromId: hub.id, toId: other.id, strength: 0.5 } });
      expect(rel.errors).toBeUndefined();
    }
    const recorded = await postGraphQL(tpApp.url, RecordTouchpointsDocument, {
      touchpoints: Array.from({ length: 5 }, (_, i) => ({
        channel: 'MEETING',
        direction: 'OUTBOUND' as const,
        occurredAt: new Date(Date.now() - (i + 1) * 86_400_000).toISOString(),
        sentiment: 0.8,
        participants: [{ entityId: hub.id }, { entityId: warm.id }],
      })),
    });
    expect(recorded.errors).toBeUndefined();

    tpCounter.reset();
    const res = await postGraphQL(tpApp.url, EntityViewDocument, { id: hub.id });
    expect(res.errors).toBeUndefined();
    expect(tpCounter.calls.filter((name) => !name.startsWith('metamodel/')).length).toBeLessThanOrEqual(4);
    const neighbours = res.data!.entityView!.keyNeighbours;
    expect(neighbours.map((n) => n.entity.id)).toEqual([warm.id, cold.id]);
    expect(neighbours[0]!.strength).toBeGreaterThan(neighbours[1]!.strength);
    expect(neighbours[1]!.strength).toBeCloseTo(0.25, 5); // (1 · 0.5 + 1 · 0) / 2
    expect(res.data!.entityView!.relationshipGroups).toMatchObject([{ type: 'KNOWS', totalCount: 2 }]);
  });
});
