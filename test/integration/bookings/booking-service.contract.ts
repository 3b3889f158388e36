import { encodeCursor } from '../../../src/domain/shared/page';
import { DomainError, ErrorCode } from '../../../src/domain/errors';
import type { Entity } from '../../../src/domain/entities/entity.model';
import { openTouchpointTestBed, type OpenEngine, type TouchpointTestBed } from '../../support/touchpoints/test-bed';

/**
 * The booking service against a real engine: Grafeo always, Neo4j when one is reachable
 * (see booking.service.test.ts). Data is owned through unique names.
 */
export function describeBookingService(label: string, open: OpenEngine): void {
  const run = `bks${Date.now().toString(36)}`;
  let bed: TouchpointTestBed;
  let ann: Entity;
  let hall: Entity;
  let small: Entity;
  let big: Entity;
  let tablet: Entity;

  beforeAll(async () => {
    bed = await openTouchpointTestBed(open);
    const e = bed.services.entities;
    ann = await e.create({ kind: 'Person', name: `${run} Ann` }, 'test');
    hall = await e.create({ kind: 'Building', name: `${run} Hall 1` }, 'test');
    small = await e.create({ kind: 'Room', name: `${run} Room A`, properties: { capacity: 1 } }, 'test');
    big = await e.create({ kind: 'Room', name: `${run} Room B`, properties: { capacity: 3 } }, 'test');
    tablet = await e.create({ kind: 'Device', name: `${run} Tablet` }, 'test');
    await bed.services.relationships.relate({ type: 'PART_OF', fromId: small.id, toId: hall.id }, 'test');
    await bed.services.relationships.relate({ type: 'PART_OF', fromId: big.id, toId: hall.id }, 'test');
    await bed.services.relationships.relate({ type: 'LOCATED_IN', fromId: tablet.id, toId: small.id }, 'test');
  });
  afterAll(() => bed.close());

  async function refusal(promise: Promise<unknown>) {
    try {
      await promise;
    } catch (error) {
      if (error instanceof DomainError) return { code: error.code, message: error.message, details: { ...error.details } };
      throw error;
    }
    throw new Error('expected a refusal');
  }

  const book = (resourceId: string, start: string, end: string) =>
    bed.services.bookings.book({ resourceId, bookerId: ann.id, start, end, purpose: 'test' }, 'test');

  describe(`bookings on ${label}`, () => {
    it('books, refuses an overlap naming the booking, allows an adjacent slot, and frees on cancel', async () => {
      const b = await book(small.id, '2026-05-01T09:00:00Z', '2026-05-01T10:00:00Z');
      expect(b).toMatchObject({ status: 'ACTIVE', start: '2026-05-01T09:00:00.000Z', end: '2026-05-01T10:00:00.000Z', version: 1 });
      const clash = await refusal(book(small.id, '2026-05-01T09:30:00Z', '2026-05-01T11:00:00Z'));
      expect(clash).toMatchObject({ code: 'CONFLICT', details: { overlappingBookingId: b.id } });
      expect(clash.message).toContain(b.id);
      await book(small.id, '2026-05-01T10:00:00Z', '2026-05-01T11:00:00Z');
      const occupied = await bed.services.bookings.occupancyAt(small.id, '2026-05-01T09:15:00Z');
      expect(occupied).toMatchObject({ occupied: true, available: 0, bookings: [{ id: b.id, bookerId: ann.id }] });
      const cancelled = await bed.services.bookings.cancel(b.id, 'no longer needed', 1, 'test');
      expect(cancelled).toMatchObject({ status: 'CANCELLED', version: 2, cancelReason: 'no longer needed' });
      expect((await bed.services.bookings.occupancyAt(small.id, '2026-05-01T09:15:00Z')).occupied).toBe(false);
      expect(await refusal(bed.services.bookings.cancel(b.id, null, null, 'test'))).toMatchObject({ code: 'CONFLICT' });
    });

    it('refuses end before start and a stakeholder as resource', async () => {
      expect(await refusal(book(small.id, '2026-05-02T10:00:00Z', '2026-05-02T09:00:00Z'))).toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'end' } });
      expect(await refusal(book(ann.id, '2026-05-02T09:00:00Z', '2026-05-02T10:00:00Z'))).toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'resourceId' } });
    });

    it('lets exactly one of 20 parallel attempts book the same free slot', async () => {
      const attempts = await Promise.allSettled(Array.from({ length: 20 }, () => book(tablet.id, '2026-06-01T09:00:00Z', '2026-06-01T12:00:00Z')));
      expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
      const rejected = attempts.filter((a): a is PromiseRejectedResult => a.status === 'rejected');
      expect(rejected.every((a) => (a.reason as DomainError).code === ErrorCode.CONFLICT)).toBe(true);
    });

    it('lets capacity-many of 20 parallel attempts book a room with capacity 3', async () => {
      const attempts = await Promise.allSettled(Array.from({ length: 20 }, () => book(big.id, '2026-06-01T09:00:00Z', '2026-06-01T12:00:00Z')));
      expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(3);
    });

    it('finds free rooms inside a building with a minimum capacity, and free tablets', async () => {
      const free = await bed.services.bookings.freeResources({ kind: 'Room', locationId: hall.id, start: '2026-06-01T10:00:00Z', end: '2026-06-01T11:00:00Z' });
      expect(free.map((r) => r.id)).toEqual([small.id]);
      const roomy = await bed.services.bookings.freeResources({ kind: 'Room', locationId: hall.id, start: '2026-06-02T10:00:00Z', end: '2026-06-02T11:00:00Z', minCapacity: 2 });
      expect(roomy.map((r) => r.id)).toEqual([big.id]);
      const tablets = await bed.services.bookings.freeResources({ kind: 'Device', locationId: hall.id, start: '2026-06-01T13:00:00Z', end: '2026-06-01T14:00:00Z' });
      expect(tablets.map((r) => r.id)).toEqual([tablet.id]);
    });

    it('computes the occupancy rate of a resource over a period and lists bookings', async () => {
      const rate = await bed.services.bookings.occupancyRate(tablet.id, '2026-06-01T00:00:00Z', '2026-06-02T00:00:00Z');
      expect(rate).toMatchObject({ occupiedHours: 3, bookedHours: 3, rate: 0.125, bookingCount: 1, capacity: 1 });
      const ofAnn = await bed.services.bookings.list({ bookerId: ann.id }, { first: 100 });
      expect(ofAnn.totalCount).toBeGreaterThanOrEqual(5);
      const ofTablet = await bed.services.bookings.list({ resourceId: tablet.id }, { first: 100 });
      expect(ofTablet.items.map((b) => b.resourceId)).toEqual([tablet.id]);
    });

    it('pages bookings backward as well as forward, in the same order', async () => {
      const all = await bed.services.bookings.list({ bookerId: ann.id }, { first: 100 });
      const ids = all.items.map((b) => b.id);
      expect(ids.length).toBeGreaterThanOrEqual(5);
      const last = await bed.services.bookings.list({ bookerId: ann.id }, { last: 2 });
      expect(last.items.map((b) => b.id)).toEqual(ids.slice(-2));
      expect(last).toMatchObject({ hasPreviousPage: true, hasNextPage: false, totalCount: ids.length, offset: ids.length - 2 });
      const before = await bed.services.bookings.list({ bookerId: ann.id }, { last: 2, before: encodeCursor(last.offset) });
      expect(before.items.map((b) => b.id)).toEqual(ids.slice(-4, -2));
      await expect(bed.services.bookings.list({ bookerId: ann.id }, { first: 1, last: 1 })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    });
  });
}
