/**
 * The contract with the subscriptions (issue 4): which events touchpoint and booking
 * writes log, with which subjectIds and payload, and that refused writes log none.
 */
import { join } from 'node:path';
import type { Entity } from '../../../src/domain/entities/entity.model';
import { TouchpointDirection } from '../../../src/domain/touchpoints/touchpoint.model';
import { QueryCatalogue } from '../../../src/graph/query-catalogue';
import { openTouchpointTestBed, type TouchpointTestBed } from '../../support/touchpoints/test-bed';

const fixtures = new QueryCatalogue(join(__dirname, '..', '..', 'fixtures', 'cypher', 'events'));
let bed: TouchpointTestBed;
let ann: Entity;
let room: Entity;
let tablet: Entity;

beforeAll(async () => {
  bed = await openTouchpointTestBed();
  ann = await bed.services.entities.create({ kind: 'Person', name: 'Ann' }, 'test');
  room = await bed.services.entities.create({ kind: 'Room', name: 'Room' }, 'test');
  tablet = await bed.services.entities.create({ kind: 'Device', name: 'Tablet' }, 'test');
});
afterAll(() => bed.close());

async function logged(subjectId: string): Promise<{ type: string; payload: Record<string, unknown> }[]> {
  const rows = await bed.engine.read<{ type: string; payloadJson: string }>(fixtures.get('events-about'), { subjectId });
  return rows.map((r) => ({ type: r.type, payload: JSON.parse(r.payloadJson) as Record<string, unknown> }));
}

describe('touchpoint and booking events', () => {
  it('logs TOUCHPOINT_RECORDED, _UPDATED and _DELETED about the touchpoint and every linked entity, with the touchpoint as payload', async () => {
    const t = await bed.services.touchpoints.record(
      {
        channel: 'VISIT',
        direction: TouchpointDirection.INBOUND,
        occurredAt: '2026-03-01T10:00:00Z',
        participants: [{ entityId: ann.id, role: 'guest' }],
        objectIds: [tablet.id],
        locationId: room.id,
        idempotencyKey: 'evt-1',
      },
      'test',
    );
    await bed.services.touchpoints.record(
      { channel: 'VISIT', direction: TouchpointDirection.INBOUND, occurredAt: '2026-03-01T10:00:00Z', participants: [{ entityId: ann.id }], idempotencyKey: 'evt-1' },
      'test',
    );
    const updated = await bed.services.touchpoints.update({ id: t.id, expectedVersion: 1, sentiment: 0.4 }, 'test');
    await bed.services.touchpoints.delete(t.id, null, 'test');
    const events = await logged(t.id);
    expect(events.map((e) => e.type)).toEqual(['TOUCHPOINT_RECORDED', 'TOUCHPOINT_UPDATED', 'TOUCHPOINT_DELETED']);
    expect(events[0]!.payload.touchpoint).toEqual(JSON.parse(JSON.stringify(t)));
    expect(events[1]!.payload.touchpoint).toEqual(JSON.parse(JSON.stringify(updated)));
    for (const id of [ann.id, room.id, tablet.id]) {
      expect((await logged(id)).filter((e) => e.type.startsWith('TOUCHPOINT_'))).toHaveLength(3);
    }
  });

  it('logs BOOKING_MADE and BOOKING_CANCELLED about the booking, the resource and the booker, and nothing for a refused booking', async () => {
    const b = await bed.services.bookings.book({ resourceId: room.id, bookerId: ann.id, start: '2026-05-01T09:00:00Z', end: '2026-05-01T10:00:00Z' }, 'test');
    await expect(
      bed.services.bookings.book({ resourceId: room.id, bookerId: ann.id, start: '2026-05-01T09:30:00Z', end: '2026-05-01T10:30:00Z' }, 'test'),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    const cancelled = await bed.services.bookings.cancel(b.id, null, null, 'test');
    const forRoom = (await logged(room.id)).filter((e) => e.type.startsWith('BOOKING_'));
    expect(forRoom.map((e) => e.type)).toEqual(['BOOKING_MADE', 'BOOKING_CANCELLED']);
    expect(forRoom[0]!.payload.booking).toEqual(JSON.parse(JSON.stringify(b)));
    expect(forRoom[1]!.payload.booking).toEqual(JSON.parse(JSON.stringify(cancelled)));
    expect((await logged(b.id)).map((e) => e.type)).toEqual(['BOOKING_MADE', 'BOOKING_CANCELLED']);
    expect((await logged(ann.id)).filter((e) => e.type.startsWith('BOOKING_'))).toHaveLength(2);
  });
});
