import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Booking, Occupancy, OccupancyRate } from '../../domain/bookings/booking.model';
import type { Entity } from '../../domain/entities/entity.model';
import type { ApiContext } from '../context';
import { EntityType } from '../entities/entity.type';
import { toNodeConnection, type ConnectionShape } from '../shared/connection';
import { PageArgsInput } from '../shared/page.args';
import { BookingConnection } from './booking-connection.type';
import { BookInput } from './booking.input';
import { BookingType, OccupancyRateType, OccupancyType } from './booking.type';

@Resolver(() => BookingType)
export class BookingResolver {
  @Query(() => BookingType, { nullable: true, description: 'One booking by id; null when there is none.' })
  booking(@Arg('id', () => ID, { description: 'The id of the booking.' }) id: string, @Ctx() ctx: ApiContext): Promise<Booking | null> {
    return ctx.loaders.bookingById.load(id);
  }

  @Query(() => BookingConnection, { description: 'The bookings of a resource or of a booker (give one of them), by start time.' })
  async bookings(
    @Args(() => PageArgsInput) page: PageArgsInput,
    @Arg('resourceId', () => ID, { nullable: true, description: 'Bookings of this object or location.' }) resourceId: string | null,
    @Arg('bookerId', () => ID, { nullable: true, description: 'Bookings made for this stakeholder.' }) bookerId: string | null,
    @Arg('from', () => String, { nullable: true, description: 'Only bookings ending after this ISO-8601 instant.' }) from: string | null,
    @Arg('to', () => String, { nullable: true, description: 'Only bookings starting before this ISO-8601 instant.' }) to: string | null,
    @Arg('includeCancelled', () => Boolean, { defaultValue: false, description: 'Also list cancelled bookings.' }) includeCancelled: boolean,
    @Ctx() ctx: ApiContext,
  ): Promise<ConnectionShape<{ cursor: string; node: Booking }>> {
    return toNodeConnection(await ctx.services.bookings.list({ resourceId, bookerId, from, to, includeCancelled }, page));
  }

  @Query(() => OccupancyType, { description: 'Whether a resource is occupied at an instant, and by which bookings.' })
  occupancy(
    @Arg('resourceId', () => ID, { description: 'The object or location.' }) resourceId: string,
    @Arg('at', () => String, { description: 'ISO-8601 instant.' }) at: string,
    @Ctx() ctx: ApiContext,
  ): Promise<Occupancy> {
    return ctx.services.bookings.occupancyAt(resourceId, at);
  }

  @Query(() => OccupancyRateType, { description: 'How much of a period a resource was booked.' })
  occupancyRate(
    @Arg('resourceId', () => ID, { description: 'The object or location.' }) resourceId: string,
    @Arg('from', () => String, { description: 'Start of the period, ISO-8601.' }) from: string,
    @Arg('to', () => String, { description: 'End of the period (exclusive), ISO-8601.' }) to: string,
    @Ctx() ctx: ApiContext,
  ): Promise<OccupancyRate> {
    return ctx.services.bookings.occupancyRate(resourceId, from, to);
  }

  @Query(() => [EntityType], {
    description:
      'Resources of a kind with no active booking during [start, end), optionally inside a location (LOCATED_IN / PART_OF, up to 4 levels) and with at least a capacity; by name.',
  })
  freeResources(
    @Arg('kind', () => String, { description: 'An object or location kind, e.g. Room, Device.' }) kind: string,
    @Arg('start', () => String, { description: 'Start of the interval, ISO-8601.' }) start: string,
    @Arg('end', () => String, { description: 'End of the interval (exclusive), ISO-8601.' }) end: string,
    @Arg('locationId', () => ID, { nullable: true, description: 'Only resources inside this location.' }) locationId: string | null,
    @Arg('minCapacity', () => Int, { nullable: true, description: 'Only resources with at least this capacity (none given counts as 1).' })
    minCapacity: number | null,
    @Arg('limit', () => Int, { nullable: true, description: 'Most resources returned (default 100, at most 500).' }) limit: number | null,
    @Ctx() ctx: ApiContext,
  ): Promise<Entity[]> {
    return ctx.services.bookings.freeResources({ kind, start, end, locationId, minCapacity, limit });
  }

  @Mutation(() => BookingType, {
    description: 'Books an object or location over [start, end). CONFLICT, naming the overlapping booking, when the resource is taken (beyond its capacity).',
  })
  book(
    @Arg('input', () => BookInput, { description: 'What to book, for whom, and when.' }) input: BookInput,
    @Ctx() ctx: ApiContext,
  ): Promise<Booking> {
    return ctx.services.bookings.book(input, ctx.actor);
  }

  @Mutation(() => BookingType, { description: 'Cancels a booking (kept as history); CONFLICT when it already is.' })
  cancelBooking(
    @Arg('id', () => ID, { description: 'The booking.' }) id: string,
    @Arg('reason', () => String, { nullable: true, description: 'Why.' }) reason: string | null,
    @Arg('expectedVersion', () => Int, { nullable: true, description: 'When given, CONFLICT if the booking changed since.' })
    expectedVersion: number | null,
    @Ctx() ctx: ApiContext,
  ): Promise<Booking> {
    return ctx.services.bookings.cancel(id, reason, expectedVersion, ctx.actor);
  }

  @FieldResolver(() => EntityType, { nullable: true, description: 'The booked object or location (batched).' })
  resource(@Root() b: Booking, @Ctx() ctx: ApiContext): Promise<Entity | null> {
    return ctx.loaders.entityById.load(b.resourceId);
  }

  @FieldResolver(() => EntityType, { nullable: true, description: 'Who it is booked for (batched).' })
  booker(@Root() b: Booking, @Ctx() ctx: ApiContext): Promise<Entity | null> {
    return ctx.loaders.entityById.load(b.bookerId);
  }
}
