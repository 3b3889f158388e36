import type { App } from '../../../src/app';
import {
  BookDocument,
  CancelBookingDocument,
  CreateEntityDocument,
  FreeResourcesDocument,
  GetBookingDocument,
  ListBookingsDocument,
  OccupancyDocument,
  OccupancyRateDocument,
  type BookInput,
} from '../../generated/graphql';
import { postGraphQL, type GraphQLResponse } from '../../support/graphql-client';
import { startTestServer, stopAllTestServers } from '../../support/test-server';

const run = `bk${Date.now().toString(36)}`;

let app: App;
let ann: string;
let room: string;

async function entity(kind: string, name: string, properties?: Record<string, unknown>): Promise<string> {
  const res = await postGraphQL(app.url, CreateEntityDocument, { input: { kind, name: `${run} ${name}`, properties } });
  expect(res.errors).toBeUndefined();
  return res.data!.createEntity.id;
}

beforeAll(async () => {
  app = await startTestServer();
  ann = await entity('Person', 'Ann');
  room = await entity('Room', 'Room', { capacity: 1 });
});
afterAll(stopAllTestServers);

function input(extra: Partial<BookInput> = {}): BookInput {
  return { resourceId: room, bookerId: ann, start: '2026-07-01T09:00:00Z', end: '2026-07-01T10:00:00Z', purpose: 'Workshop', ...extra };
}

async function footprint(): Promise<number> {
  const res = await postGraphQL(app.url, ListBookingsDocument, { resourceId: room, includeCancelled: true, first: 0 });
  return res.data!.bookings.totalCount;
}

function expectError(res: GraphQLResponse<unknown>, code: string, field?: string): void {
  expect(res.status).toBe(200);
  expect(res.errors?.[0]?.extensions).toMatchObject({ code, ...(field === undefined ? {} : { field }) });
}

describe('bookings over HTTP', () => {
  it('books a room, shows who occupies it, refuses an overlap naming the booking, and cancels', async () => {
    const made = await postGraphQL(app.url, BookDocument, { input: input() });
    expect(made.errors).toBeUndefined();
    const booking = made.data!.book;
    expect(booking).toMatchObject({ status: 'ACTIVE', resource: { id: room }, booker: { id: ann }, purpose: 'Workshop', version: 1 });

    const occupied = await postGraphQL(app.url, OccupancyDocument, { resourceId: room, at: '2026-07-01T09:30:00Z' });
    expect(occupied.data!.occupancy).toMatchObject({ occupied: true, capacity: 1, available: 0, bookings: [{ id: booking.id, booker: { id: ann } }] });

    const before = await footprint();
    const clash = await postGraphQL(app.url, BookDocument, { input: input({ start: '2026-07-01T09:59:00Z', end: '2026-07-01T11:00:00Z' }) });
    expectError(clash, 'CONFLICT');
    expect(clash.errors?.[0]?.extensions).toMatchObject({ overlappingBookingId: booking.id });
    expect(clash.errors?.[0]?.message).toContain(booking.id);
    expect(await footprint()).toBe(before);

    const rate = await postGraphQL(app.url, OccupancyRateDocument, { resourceId: room, from: '2026-07-01T08:00:00Z', to: '2026-07-01T12:00:00Z' });
    expect(rate.data!.occupancyRate).toMatchObject({ occupiedHours: 1, rate: 0.25, bookingCount: 1 });

    const cancelled = await postGraphQL(app.url, CancelBookingDocument, { id: booking.id, reason: 'moved online', expectedVersion: 1 });
    expect(cancelled.data!.cancelBooking).toMatchObject({ status: 'CANCELLED', cancelReason: 'moved online', version: 2 });
    expectError(await postGraphQL(app.url, CancelBookingDocument, { id: booking.id }), 'CONFLICT');
    expect((await postGraphQL(app.url, GetBookingDocument, { id: booking.id })).data!.booking?.status).toBe('CANCELLED');
    const again = await postGraphQL(app.url, BookDocument, { input: input({ start: '2026-07-01T09:30:00Z', end: '2026-07-01T10:30:00Z' }) });
    expect(again.errors).toBeUndefined();
  });

  const refused: [string, () => Partial<BookInput>, string, string][] = [
    ['an end before the start', () => ({ start: '2026-07-02T10:00:00Z', end: '2026-07-02T09:00:00Z' }), 'BAD_USER_INPUT', 'end'],
    ['an end equal to the start', () => ({ start: '2026-07-02T10:00:00Z', end: '2026-07-02T10:00:00Z' }), 'BAD_USER_INPUT', 'end'],
    ['a malformed start', () => ({ start: 'tomorrow' }), 'BAD_USER_INPUT', 'start'],
    ['an unknown resource', () => ({ resourceId: 'nope' }), 'NOT_FOUND', 'resourceId'],
    ['an unknown booker', () => ({ bookerId: 'nope' }), 'NOT_FOUND', 'bookerId'],
    ['a person as the resource', () => ({ resourceId: ann }), 'BAD_USER_INPUT', 'resourceId'],
    ['a room as the booker', () => ({ bookerId: room }), 'BAD_USER_INPUT', 'bookerId'],
  ];
  it.each(refused)('refuses a booking with %s, writing nothing', async (_label, extra, code, field) => {
    const before = await footprint();
    const res = await postGraphQL(app.url, BookDocument, { input: input(extra()) });
    expectError(res, code, field);
    expect(res.data).toBeNull();
    expect(await footprint()).toBe(before);
  });

  it('refuses bad queries with typed errors', async () => {
    expectError(await postGraphQL(app.url, CancelBookingDocument, { id: 'nope' }), 'NOT_FOUND');
    expectError(await postGraphQL(app.url, OccupancyDocument, { resourceId: room, at: 'noon' }), 'BAD_USER_INPUT', 'at');
    expectError(await postGraphQL(app.url, OccupancyDocument, { resourceId: 'nope', at: '2026-07-01T09:00:00Z' }), 'NOT_FOUND', 'resourceId');
    expectError(await postGraphQL(app.url, OccupancyRateDocument, { resourceId: room, from: '2026-07-02T00:00:00Z', to: '2026-07-01T00:00:00Z' }), 'BAD_USER_INPUT', 'to');
    expectError(await postGraphQL(app.url, FreeResourcesDocument, { kind: 'Spaceship', start: '2026-07-01T09:00:00Z', end: '2026-07-01T10:00:00Z' }), 'BAD_USER_INPUT', 'kind');
    expectError(await postGraphQL(app.url, FreeResourcesDocument, { kind: 'Person', start: '2026-07-01T09:00:00Z', end: '2026-07-01T10:00:00Z' }), 'BAD_USER_INPUT', 'kind');
    expectError(await postGraphQL(app.url, FreeResourcesDocument, { kind: 'Room', start: '2026-07-01T09:00:00Z', end: '2026-07-01T10:00:00Z', minCapacity: 0 }), 'BAD_USER_INPUT', 'minCapacity');
    expectError(await postGraphQL(app.url, ListBookingsDocument, {}), 'BAD_USER_INPUT');
    expectError(await postGraphQL(app.url, ListBookingsDocument, { resourceId: room, bookerId: ann }), 'BAD_USER_INPUT');
  });
});
