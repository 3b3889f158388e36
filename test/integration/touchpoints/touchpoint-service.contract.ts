import { DomainError } from '../../../src/domain/errors';
import type { Entity } from '../../../src/domain/entities/entity.model';
import { pairKey } from '../../../src/domain/network/relationship-strength';
import { PropertyType } from '../../../src/domain/metamodel/metamodel.types';
import { MetricsPeriod } from '../../../src/domain/touchpoints/experience-metrics';
import { JourneyItemKind } from '../../../src/domain/touchpoints/experience.service';
import {
  RatingScale,
  TouchpointDirection,
  TouchpointOrder,
  type RecordTouchpointCommand,
} from '../../../src/domain/touchpoints/touchpoint.model';
import { TouchpointStrength } from '../../../src/domain/touchpoints/touchpoint-strength';
import { QueryCatalogue } from '../../../src/graph/query-catalogue';
import { openTouchpointTestBed, type OpenEngine, type TouchpointTestBed } from '../../support/touchpoints/test-bed';

/**
 * The touchpoint, journey and metrics services against a real engine: Grafeo always,
 * Neo4j when one is reachable (see touchpoint.service.test.ts). Data is owned through
 * unique names, so the suite also runs on a shared database.
 */
export function describeTouchpointService(label: string, open: OpenEngine): void {
  const run = `tps${Date.now().toString(36)}`;
  let bed: TouchpointTestBed;
  let ann: Entity;
  let bob: Entity;
  let acme: Entity;
  let room: Entity;
  let tablet: Entity;

  beforeAll(async () => {
    bed = await openTouchpointTestBed(open);
    const e = bed.services.entities;
    ann = await e.create({ kind: 'Person', name: `${run} Ann` }, 'test');
    bob = await e.create({ kind: 'Person', name: `${run} Bob` }, 'test');
    acme = await e.create({ kind: 'Organization', name: `${run} Acme` }, 'test');
    room = await e.create({ kind: 'Room', name: `${run} Room 1`, properties: { capacity: 2 } }, 'test');
    tablet = await e.create({ kind: 'Device', name: `${run} Tablet 1` }, 'test');
    await bed.services.relationships.relate({ type: 'WORKS_AT', fromId: bob.id, toId: acme.id, validFrom: '2026-01-01T00:00:00Z' }, 'test');
  });
  afterAll(() => bed.close());

  function command(extra: Partial<RecordTouchpointCommand> = {}): RecordTouchpointCommand {
    return {
      channel: 'EMAIL',
      direction: TouchpointDirection.INBOUND,
      occurredAt: '2026-03-01T10:00:00Z',
      participants: [{ entityId: ann.id, role: 'guest' }],
      ...extra,
    };
  }

  async function refusal(promise: Promise<unknown>): Promise<{ code: string; field: unknown; details: Record<string, unknown> }> {
    try {
      await promise;
    } catch (error) {
      if (error instanceof DomainError) return { code: error.code, field: error.details.field, details: { ...error.details } };
      throw error;
    }
    throw new Error('expected a refusal');
  }

  describe(`touchpoints on ${label}`, () => {
    it('records a touchpoint with participants, objects and location, and reads it back', async () => {
      const t = await bed.services.touchpoints.record(
        command({
          participants: [{ entityId: ann.id, role: 'guest' }, { entityId: bob.id, role: 'account manager' }],
          objectIds: [tablet.id],
          locationId: room.id,
          sentiment: 0.5,
          rating: 9,
          ratingScale: RatingScale.NPS,
          stage: 'CONSIDERATION',
          subject: ' Demo ',
        }),
        'test',
      );
      expect(t).toMatchObject({
        channel: 'EMAIL',
        direction: 'INBOUND',
        occurredAt: '2026-03-01T10:00:00.000Z',
        sentiment: 0.5,
        rating: 9,
        ratingScale: 'NPS',
        stage: 'CONSIDERATION',
        subject: 'Demo',
        objectIds: [tablet.id],
        locationId: room.id,
        version: 1,
      });
      expect(t.participants).toEqual(
        expect.arrayContaining([
          { entityId: ann.id, role: 'guest' },
          { entityId: bob.id, role: 'account manager' },
        ]),
      );
      expect(await bed.services.touchpoints.get(t.id)).toEqual(t);
    });

    it('returns the first result for a retried idempotency key and writes nothing', async () => {
      const first = await bed.services.touchpoints.record(command({ idempotencyKey: `${run}-k-1`, summary: 'first' }), 'test');
      const again = await bed.services.touchpoints.record(command({ idempotencyKey: `${run}-k-1`, summary: 'second' }), 'test');
      expect(again).toEqual(first);
      const page = await bed.services.touchpoints.list({ participantIds: [ann.id] }, {}, null, { first: 100 });
      expect(page.items.filter((t) => t.idempotencyKey === `${run}-k-1`)).toHaveLength(1);
    });

    it.each([
      ['an unknown channel', { channel: 'PIGEON' }, 'BAD_USER_INPUT', 'channel'],
      ['a rating outside its scale', { rating: 6, ratingScale: RatingScale.FIVE_STAR }, 'BAD_USER_INPUT', 'rating'],
      ['a sentiment above 1', { sentiment: 1.2 }, 'BAD_USER_INPUT', 'sentiment'],
      ['an impossible occurredAt', { occurredAt: '2026-02-30T10:00:00Z' }, 'BAD_USER_INPUT', 'occurredAt'],
      ['an unknown participant', { participants: [{ entityId: 'nope' }] }, 'NOT_FOUND', 'participants[0].entityId'],
    ] as const)('refuses %s', async (_label, extra, code, field) => {
      const before = (await bed.services.touchpoints.list({ participantIds: [ann.id, bob.id] }, {}, null, { first: 0 })).totalCount;
      expect(await refusal(bed.services.touchpoints.record(command(extra as Partial<RecordTouchpointCommand>), 'test'))).toMatchObject({ code, field });
      expect((await bed.services.touchpoints.list({ participantIds: [ann.id, bob.id] }, {}, null, { first: 0 })).totalCount).toBe(before);
    });

    it('refuses a touchpoint without a stakeholder participant', async () => {
      expect(await refusal(bed.services.touchpoints.record(command({ participants: [{ entityId: room.id }] }), 'test'))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'participants',
      });
    });

    it('updates with the expected version and refuses a stale one', async () => {
      const t = await bed.services.touchpoints.record(command({ occurredAt: '2026-03-02T10:00:00Z' }), 'test');
      const updated = await bed.services.touchpoints.update(
        { id: t.id, expectedVersion: 1, sentiment: -0.5, participants: [{ entityId: bob.id }], locationId: room.id },
        'test',
      );
      expect(updated).toMatchObject({ version: 2, sentiment: -0.5, participants: [{ entityId: bob.id, role: null }], locationId: room.id });
      expect(await refusal(bed.services.touchpoints.update({ id: t.id, expectedVersion: 1, sentiment: 0 }, 'test'))).toMatchObject({ code: 'CONFLICT' });
      const deleted = await bed.services.touchpoints.delete(t.id, 2, 'test');
      expect(deleted.id).toBe(t.id);
      expect(await bed.services.touchpoints.get(t.id)).toBeNull();
    });

    it('lists newest first with filters and pages both ways', async () => {
      const page = await bed.services.touchpoints.list({ participantIds: [ann.id] }, {}, null, { first: 2 });
      expect(page.items.length).toBe(2);
      const all = await bed.services.touchpoints.list({ participantIds: [ann.id] }, {}, TouchpointOrder.NEWEST_FIRST, { first: 100 });
      const times = all.items.map((t) => t.occurredAt);
      expect([...times].sort().reverse()).toEqual(times);
      const last = await bed.services.touchpoints.list({ participantIds: [ann.id] }, {}, null, { last: 1 });
      expect(last.items[0]?.id).toBe(all.items[all.items.length - 1]?.id);
      const atRoom = await bed.services.touchpoints.list({ locationId: room.id, minSentiment: 0 }, {}, null, { first: 100 });
      expect(atRoom.items.every((t) => t.locationId === room.id && (t.sentiment ?? -2) >= 0)).toBe(true);
      expect(atRoom.totalCount).toBeGreaterThan(0);
    });

    it('records in bulk, all or nothing, with per-item errors', async () => {
      const refused = await refusal(
        bed.services.touchpoints.recordMany([command(), command({ rating: 11, ratingScale: RatingScale.NPS }), command({ channel: 'X' })], 'test'),
      );
      expect(refused).toMatchObject({ code: 'BAD_USER_INPUT', field: 'touchpoints' });
      expect(refused.details.itemErrors).toEqual([
        expect.objectContaining({ index: 1, field: 'rating' }),
        expect.objectContaining({ index: 2, field: 'channel' }),
      ]);
      const many = Array.from({ length: 50 }, (_, i) => command({ occurredAt: `2026-04-01T10:${String(i).padStart(2, '0')}:00Z`, participants: [{ entityId: bob.id }] }));
      bed.engine.reset();
      const recorded = await bed.services.touchpoints.recordMany(many, 'test');
      expect(recorded).toHaveLength(50);
      expect(bed.engine.calls.length).toBeLessThan(10);
    });

    it('interleaves relationship events with touchpoints in the journey, paged both ways', async () => {
      const forward = await bed.services.experience.journey(bob.id, {}, { first: 3 });
      expect(forward.items[0]).toMatchObject({ kind: JourneyItemKind.RELATIONSHIP_STARTED });
      const times = forward.items.map((i) => i.at);
      expect([...times].sort()).toEqual(times);
      const backward = await bed.services.experience.journey(bob.id, {}, { last: 2 });
      expect(backward.items).toHaveLength(2);
      expect(backward.hasNextPage).toBe(false);
    });

    it('scores how strongly two entities are linked by shared touchpoints, in one engine call', async () => {
      const strength = new TouchpointStrength(bed.engine, new QueryCatalogue());
      bed.engine.reset();
      const scores = await strength.scores([[ann.id, bob.id], [bob.id, ann.id], [ann.id, acme.id]], null);
      expect(bed.engine.calls).toHaveLength(1);
      expect(scores.get(pairKey(ann.id, bob.id))).toBeGreaterThan(0);
      expect(scores.has(pairKey(ann.id, acme.id))).toBe(false);
      const before = await strength.scores([[ann.id, bob.id]], '2026-01-01T00:00:00Z');
      expect(before.size).toBe(0);
    });

    it('computes metrics of an organisation including its people', async () => {
      bed.engine.reset();
      const m = await bed.services.experience.metrics(null, { entityId: acme.id, includeMembers: true }, MetricsPeriod.DAY);
      expect(bed.engine.calls.length).toBeLessThanOrEqual(3);
      expect(m.touchpointCount).toBeGreaterThanOrEqual(50);
      expect(m.mostUsedChannel).toBe('EMAIL');
      const direct = await bed.services.experience.metrics(null, { entityId: acme.id }, MetricsPeriod.DAY);
      expect(direct.touchpointCount).toBe(0);
    });
  });

  describe(`channel changes on ${label}`, () => {
    const name = `${run.toUpperCase()}_KIOSK`;

    it('updates description and schema with version checks, and refuses unsafe schema changes once touchpoints use the channel', async () => {
      const channels = bed.services.channels;
      const defined = await channels.define({ name, description: 'Self-service kiosk', properties: [{ name: 'kioskId', type: PropertyType.STRING }] }, 'admin');
      expect(defined).toMatchObject({ version: 1, deprecated: false, builtIn: false });

      const updated = await channels.update(name, { expectedVersion: 1, description: 'Kiosk at the entrance' }, 'admin');
      expect(updated).toMatchObject({ version: 2, description: 'Kiosk at the entrance' });
      expect(updated.properties.map((p) => p.name)).toEqual(['kioskId']);
      expect(await refusal(channels.update(name, { expectedVersion: 1, description: 'stale' }, 'admin'))).toMatchObject({ code: 'CONFLICT' });

      await bed.services.touchpoints.record(command({ channel: name, properties: { kioskId: 'K1' } }), 'test');
      const unsafe = await refusal(
        channels.update(name, { expectedVersion: 2, properties: [{ name: 'kioskId', type: PropertyType.STRING }, { name: 'floor', type: PropertyType.INT, required: true }] }, 'admin'),
      );
      expect(unsafe).toMatchObject({ code: 'CONFLICT', details: { touchpoints: 1 } });
      const safe = await channels.update(name, { expectedVersion: 2, properties: [{ name: 'kioskId', type: PropertyType.STRING }, { name: 'floor', type: PropertyType.INT }] }, 'admin');
      expect(safe.version).toBe(3);
      expect((await channels.findChannel(name))?.properties.map((p) => p.name)).toEqual(['kioskId', 'floor']);
      expect(await refusal(channels.update(`${name}_MISSING`, { expectedVersion: 1 }, 'admin'))).toMatchObject({ code: 'NOT_FOUND' });
    });

    it('deprecates a channel: its touchpoints stay readable, new ones are refused, restoring brings it back', async () => {
      const channels = bed.services.channels;
      const deprecated = await channels.deprecate(name, true, 'admin');
      expect(deprecated).toMatchObject({ deprecated: true, version: 4 });
      expect((await channels.deprecate(name, true, 'admin')).version).toBe(4); // no change, no new version
      const refused = await refusal(bed.services.touchpoints.record(command({ channel: name }), 'test'));
      expect(refused).toMatchObject({ code: 'BAD_USER_INPUT', field: 'channel' });
      const listed = await bed.services.touchpoints.list({ channels: [name] }, {}, null, { first: 10 });
      expect(listed.items).toHaveLength(1);
      await channels.deprecate(name, false, 'admin');
      await expect(bed.services.touchpoints.record(command({ channel: name }), 'test')).resolves.toMatchObject({ channel: name });
    });

    it('deletes only unused, user-defined channels', async () => {
      const channels = bed.services.channels;
      expect(await refusal(channels.delete(name, 'admin'))).toMatchObject({ code: 'CONFLICT', details: { touchpoints: 2 } });
      expect(await refusal(channels.delete('EMAIL', 'admin'))).toMatchObject({ code: 'CONFLICT' });
      const unused = `${name}_SPARE`;
      await channels.define({ name: unused }, 'admin');
      await expect(channels.delete(unused, 'admin')).resolves.toBe(true);
      expect(await channels.findChannel(unused)).toBeUndefined();
      expect(await refusal(channels.delete(unused, 'admin'))).toMatchObject({ code: 'NOT_FOUND' });
    });
  });
}
