import { DomainEventType } from '../../events/domain-event';
import type { RecordedWrites } from '../../events/recorded-writes';
import type { GraphEngine } from '../../graph/graph-engine.port';
import type { CypherQuery, QueryCatalogue } from '../../graph/query-catalogue';
import { toEntity } from '../entities/entity-record';
import type { Entity } from '../entities/entity.model';
import { BadUserInputError, ConflictError, NotFoundError } from '../errors';
import { Category, type MetamodelReader } from '../metamodel/metamodel.types';
import { nowIso } from '../shared/clock';
import { newId } from '../shared/ids';
import { inKeyOrder } from '../shared/key-order';
import { fetchRequestedPage, type Page, type PageArgs, type PageLimits } from '../shared/page';
import { checkVersion } from '../shared/version';
import { IdempotencyKeys, idempotentRequest } from '../shared/idempotency';
import { checkInstant } from '../touchpoints/touchpoint-rules';
import type { EntityLookup } from '../touchpoints/touchpoint.service';
import { UnknownEntityError } from '../touchpoints/unknown-entity.error';
import { toBooking, type BookingRow } from './booking-record';
import { capacityOf, checkInterval, coverage, maxConcurrent } from './booking-rules';
import {
  BookingStatus,
  type BookCommand,
  type Booking,
  type BookingQuery,
  type FreeResourcesQuery,
  type Occupancy,
  type OccupancyRate,
} from './booking.model';

const MAX_PURPOSE_LENGTH = 500;
const MAX_FREE_RESOURCES = 500;
const HOUR_MS = 3_600_000;

interface ListRow extends Record<string, unknown> {
  totalCount: number;
  bookings: Record<string, unknown>[];
}

/**
 * Books objects and locations over time intervals. Overlaps are refused inside the write
 * transaction, after the resource is locked, so parallel attempts on the same slot cannot
 * both win: at most `capacity` bookings (default 1) hold a resource at any instant.
 */
export class BookingService {
  private readonly q: Record<'lockResource' | 'overlapping' | 'create' | 'getByIds' | 'lock' | 'cancel' | 'list' | 'free', CypherQuery>;
  private readonly keys: IdempotencyKeys;

  constructor(
    private readonly engine: GraphEngine,
    catalogue: QueryCatalogue,
    private readonly metamodel: MetamodelReader,
    private readonly entities: EntityLookup,
    private readonly limits: PageLimits,
    private readonly writes: RecordedWrites,
  ) {
    this.q = {
      lockResource: catalogue.get('booking/lock-resource'),
      overlapping: catalogue.get('booking/overlapping'),
      create: catalogue.get('booking/create'),
      getByIds: catalogue.get('booking/get-by-ids'),
      lock: catalogue.get('booking/lock-for-update'),
      cancel: catalogue.get('booking/cancel'),
      list: catalogue.get('booking/list'),
      free: catalogue.get('booking/free-resources'),
    };
    this.keys = new IdempotencyKeys(catalogue);
  }

  /**
   * Books a resource (an object or a location) for a stakeholder over [start, end).
   * @throws BadUserInputError (end ≤ start, malformed instants, a resource that is not an
   *   object or location, a booker that is not a stakeholder), NOT_FOUND (unknown resource
   *   or booker), ConflictError naming an overlapping booking when the resource is full,
   *   or when the idempotencyKey was used for other content. With an idempotencyKey used
   *   before for the same content, returns the booking first made and writes nothing (the
   *   key is looked up before the overlap check, so a retry never conflicts with itself).
   */
  async book(command: BookCommand, actor: string): Promise<Booking> {
    const interval = checkInterval(command.start, command.end);
    const purpose = command.purpose?.trim() || null;
    if (purpose !== null && purpose.length > MAX_PURPOSE_LENGTH) {
      throw new BadUserInputError(`purpose may be at most ${MAX_PURPOSE_LENGTH} characters`, 'purpose');
    }
    const [resource, booker] = await this.entities.getMany([command.resourceId, command.bookerId]);
    if (!resource) throw new UnknownEntityError(command.resourceId, 'resourceId');
    if (!booker) throw new UnknownEntityError(command.bookerId, 'bookerId');
    checkResource(resource, 'resourceId');
    if (booker.category !== Category.STAKEHOLDER) {
      throw new BadUserInputError(`"${booker.name}" is a ${booker.kind}; bookings are made for stakeholders or events`, 'bookerId');
    }
    const props = {
      id: newId(),
      resourceId: resource.id,
      bookerId: booker.id,
      purpose,
      status: BookingStatus.ACTIVE,
      version: 1,
      createdBy: actor,
      updatedBy: actor,
    };
    const request = idempotentRequest('booking.book', command.idempotencyKey, { resourceId: resource.id, bookerId: booker.id, purpose, ...interval });
    return this.writes.run('booking.book', actor, (tx, emit) =>
      this.keys.once(
        tx,
        request,
        async (id) => {
          const [row] = await tx.run<BookingRow>(this.q.getByIds, { ids: [id] });
          return row ? toBooking(row) : null;
        },
        async () => {
          const [locked] = await tx.run<{ resource: Record<string, unknown> }>(this.q.lockResource, { id: resource.id });
          if (!locked) throw new UnknownEntityError(resource.id, 'resourceId');
          const capacity = capacityOf(locked.resource);
          const overlapping = (await tx.run<BookingRow>(this.q.overlapping, { resourceId: resource.id, ...interval })).map(toBooking);
          const first = overlapping[0];
          if (first !== undefined && maxConcurrent(overlapping, interval) + 1 > capacity) {
            throw new ConflictError(
              `"${resource.name}" is already booked from ${first.start} to ${first.end} (booking ${first.id})` +
                (capacity > 1 ? `; all ${capacity} places are taken` : ''),
              { resourceId: resource.id, overlappingBookingId: first.id, overlappingBookingIds: overlapping.map((b) => b.id), capacity },
            );
          }
          const [row] = await tx.run<BookingRow>(this.q.create, {
            resourceId: resource.id,
            bookerId: booker.id,
            props,
            ...interval,
            now: nowIso(),
          });
          if (!row) throw new UnknownEntityError(booker.id, 'bookerId');
          const booking = toBooking(row);
          emit({ type: DomainEventType.BOOKING_MADE, subjectIds: [booking.id, booking.resourceId, booking.bookerId], payload: { booking } });
          return booking;
        },
      ),
    );
  }

  /**
   * Cancels a booking; it stays as history.
   * @throws NotFoundError, ConflictError when it is already cancelled or the version is stale.
   */
  async cancel(id: string, reason: string | null | undefined, expectedVersion: number | null | undefined, actor: string): Promise<Booking> {
    const why = reason?.trim() || null;
    if (why !== null && why.length > MAX_PURPOSE_LENGTH) throw new BadUserInputError(`reason may be at most ${MAX_PURPOSE_LENGTH} characters`, 'reason');
    return this.writes.run('booking.cancel', actor, async (tx, emit) => {
      const [locked] = await tx.run<BookingRow>(this.q.lock, { id, now: nowIso() });
      if (!locked) throw new NotFoundError('Booking', id);
      const current = toBooking(locked);
      if (expectedVersion != null) checkVersion('Booking', { id }, expectedVersion, current.version);
      if (current.status === BookingStatus.CANCELLED) {
        throw new ConflictError(`Booking "${id}" was already cancelled at ${current.cancelledAt ?? 'an earlier time'}`, { id });
      }
      const [row] = await tx.run<BookingRow>(this.q.cancel, { id, reason: why, actor, now: nowIso() });
      if (!row) throw new NotFoundError('Booking', id);
      const booking = toBooking(row);
      emit({ type: DomainEventType.BOOKING_CANCELLED, subjectIds: [booking.id, booking.resourceId, booking.bookerId], payload: { booking } });
      return booking;
    });
  }

  async get(id: string): Promise<Booking | null> {
    const [booking] = await this.getMany([id]);
    return booking ?? null;
  }

  /** Bookings for the ids, in order, null where none exists. */
  async getMany(ids: readonly string[]): Promise<(Booking | null)[]> {
    if (ids.length === 0) return [];
    const rows = await this.engine.read<BookingRow>(this.q.getByIds, { ids: [...new Set(ids)] });
    return inKeyOrder(ids, rows.map(toBooking), (b) => b.id);
  }

  /**
   * A page of the bookings of a resource or of a booker, by start time, forward
   * (first/after: one engine call) or backward (last/before: two).
   * @throws BadUserInputError unless exactly one of resourceId and bookerId is given, or
   *   for invalid paging arguments.
   */
  async list(query: BookingQuery, page: PageArgs): Promise<Page<Booking>> {
    if ((query.resourceId == null) === (query.bookerId == null)) {
      throw new BadUserInputError('Give either resourceId or bookerId', query.resourceId == null ? 'resourceId' : 'bookerId');
    }
    const params = {
      resourceId: query.resourceId ?? null,
      bookerId: query.bookerId ?? null,
      from: query.from == null ? null : checkInstant(query.from, 'from'),
      to: query.to == null ? null : checkInstant(query.to, 'to'),
      includeCancelled: query.includeCancelled === true,
    };
    return fetchRequestedPage(page, this.limits, async (window) => {
      const [row] = await this.engine.read<ListRow>(this.q.list, { ...params, ...window });
      return { items: (row?.bookings ?? []).map((booking) => toBooking({ booking })), totalCount: row?.totalCount ?? 0 };
    });
  }

  /**
   * Whether a resource is occupied at an instant, and by which bookings.
   * @throws NotFoundError for an unknown resource, BadUserInputError for a malformed instant.
   */
  async occupancyAt(resourceId: string, at: string): Promise<Occupancy> {
    const instant = checkInstant(at, 'at');
    const resource = await this.requireResource(resourceId);
    const end = new Date(Date.parse(instant) + 1).toISOString();
    const bookings = (await this.engine.read<BookingRow>(this.q.overlapping, { resourceId, start: instant, end })).map(toBooking);
    const capacity = capacityOf(resource.properties);
    return { resourceId, at: instant, occupied: bookings.length > 0, capacity, available: Math.max(0, capacity - bookings.length), bookings };
  }

  /**
   * How much of [from, to) a resource was booked.
   * @throws NotFoundError for an unknown resource, BadUserInputError for a bad period.
   */
  async occupancyRate(resourceId: string, from: string, to: string): Promise<OccupancyRate> {
    const period = checkInterval(from, to, 'from', 'to');
    const resource = await this.requireResource(resourceId);
    const bookings = (await this.engine.read<BookingRow>(this.q.overlapping, { resourceId, ...period })).map(toBooking);
    const capacity = capacityOf(resource.properties);
    const periodMs = Date.parse(period.end) - Date.parse(period.start);
    const { coveredMs, summedMs } = coverage(bookings, period);
    return {
      resourceId,
      from: period.start,
      to: period.end,
      capacity,
      occupiedHours: round(coveredMs / HOUR_MS),
      bookedHours: round(summedMs / HOUR_MS),
      rate: round(coveredMs / periodMs),
      utilisation: round(summedMs / (capacity * periodMs)),
      bookingCount: bookings.length,
    };
  }

  /**
   * Resources of a kind that no active booking holds during [start, end), optionally
   * inside a location and with a minimum capacity, by name.
   * @throws BadUserInputError for an unknown kind, a bad interval or limits.
   */
  async freeResources(query: FreeResourcesQuery): Promise<Entity[]> {
    const interval = checkInterval(query.start, query.end);
    const kind = await this.metamodel.findKind(query.kind);
    if (!kind) throw new BadUserInputError(`Unknown kind "${query.kind}"`, 'kind');
    if (kind.category === Category.STAKEHOLDER) throw new BadUserInputError(`${kind.name} is a stakeholder kind; only objects and locations are booked`, 'kind');
    const minCapacity = query.minCapacity ?? 1;
    if (!Number.isSafeInteger(minCapacity) || minCapacity < 1) throw new BadUserInputError('minCapacity must be a whole number of at least 1', 'minCapacity');
    const limit = query.limit ?? 100;
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_FREE_RESOURCES) {
      throw new BadUserInputError(`limit must be between 1 and ${MAX_FREE_RESOURCES}`, 'limit');
    }
    if (query.locationId != null) {
      const [location] = await this.entities.getMany([query.locationId]);
      if (!location) throw new UnknownEntityError(query.locationId, 'locationId');
    }
    const rows = await this.engine.read<{ entity: Record<string, unknown> }>(this.q.free, {
      kind: kind.name,
      ...interval,
      locationId: query.locationId ?? null,
      minCapacity,
      limit,
    });
    return rows.map((r) => toEntity(r.entity));
  }

  private async requireResource(id: string): Promise<Entity> {
    const [resource] = await this.entities.getMany([id]);
    if (!resource) throw new UnknownEntityError(id, 'resourceId');
    checkResource(resource, 'resourceId');
    return resource;
  }
}

function checkResource(resource: Entity, field: string): void {
  if (resource.category === Category.STAKEHOLDER) {
    throw new BadUserInputError(`"${resource.name}" is a ${resource.kind}; only objects and locations can be booked`, field);
  }
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
