import { GraphQLDateTime } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BookingStatus, type Booking } from '../../domain/bookings/booking.model';

registerEnumType(BookingStatus, {
  name: 'BookingStatus',
  description: 'Whether a booking still holds its resource.',
  valuesConfig: {
    ACTIVE: { description: 'It holds the resource over its interval.' },
    CANCELLED: { description: 'Cancelled: kept as history, holds nothing.' },
  },
});

@ObjectType('Booking', { description: 'An object or location reserved for a stakeholder (or an event) over [start, end).' })
export class BookingType {
  @Field(() => ID, { description: 'Stable, sortable id (ULID).' })
  id!: string;

  @Field(() => ID, { description: 'The booked object or location (see `resource`).' })
  resourceId!: string;

  @Field(() => ID, { description: 'Who it is booked for (see `booker`).' })
  bookerId!: string;

  @Field(() => GraphQLDateTime, { description: 'Start, inclusive.' })
  start!: string;

  @Field(() => GraphQLDateTime, { description: 'End, exclusive: a booking ending at 10:00 does not overlap one starting at 10:00.' })
  end!: string;

  @Field(() => String, { nullable: true, description: 'What it is for.' })
  purpose!: string | null;

  @Field(() => BookingStatus, { description: 'ACTIVE or CANCELLED.' })
  status!: BookingStatus;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When it was cancelled.' })
  cancelledAt!: string | null;

  @Field(() => String, { nullable: true, description: 'Why it was cancelled.' })
  cancelReason!: string | null;

  @Field(() => Int, { description: 'Increases with every change.' })
  version!: number;

  @Field(() => GraphQLDateTime, { description: 'When it was made.' })
  createdAt!: string;

  @Field(() => GraphQLDateTime, { description: 'When it last changed.' })
  updatedAt!: string;

  @Field(() => String, { description: 'Who made it.' })
  createdBy!: string;

  @Field(() => String, { description: 'Who changed it last.' })
  updatedBy!: string;
}

@ObjectType('Occupancy', { description: 'Whether a resource is in use at an instant, and by whom.' })
export class OccupancyType {
  @Field(() => ID, { description: 'The resource.' })
  resourceId!: string;

  @Field(() => GraphQLDateTime, { description: 'The instant asked about.' })
  at!: string;

  @Field(() => Boolean, { description: 'Whether any booking holds it then.' })
  occupied!: boolean;

  @Field(() => Int, { description: "How many bookings may overlap: the resource's `capacity` property, default 1." })
  capacity!: number;

  @Field(() => Int, { description: 'Capacity left at that instant.' })
  available!: number;

  @Field(() => [BookingType], { description: 'The bookings holding it then (see `booker` on each).' })
  bookings!: Booking[];
}

@ObjectType('OccupancyRate', { description: 'How much of a period a resource was booked.' })
export class OccupancyRateType {
  @Field(() => ID, { description: 'The resource.' })
  resourceId!: string;

  @Field(() => GraphQLDateTime, { description: 'Start of the period.' })
  from!: string;

  @Field(() => GraphQLDateTime, { description: 'End of the period (exclusive).' })
  to!: string;

  @Field(() => Int, { description: 'The capacity used for `utilisation`.' })
  capacity!: number;

  @Field(() => Float, { description: 'Hours in which at least one booking held it.' })
  occupiedHours!: number;

  @Field(() => Float, { description: "Sum of all bookings' hours within the period." })
  bookedHours!: number;

  @Field(() => Float, { description: 'occupiedHours / hours of the period, 0 to 1.' })
  rate!: number;

  @Field(() => Float, { description: 'bookedHours / (capacity × hours of the period), 0 to 1.' })
  utilisation!: number;

  @Field(() => Int, { description: 'How many bookings overlap the period.' })
  bookingCount!: number;
}
