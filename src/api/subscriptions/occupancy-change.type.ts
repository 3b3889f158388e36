import { Field, ID, ObjectType } from 'type-graphql';
import { BookingType } from '../bookings/booking.type';
import { ChangeInterface } from './change.interface';

@ObjectType('OccupancyChange', {
  implements: ChangeInterface,
  description: 'A booking of a resource was made or cancelled (BOOKING_MADE, BOOKING_CANCELLED).',
})
export class OccupancyChangeType extends ChangeInterface {
  @Field(() => ID, { description: 'The booked object or location.' })
  resourceId!: string;

  @Field(() => BookingType, { description: 'The booking after the change.' })
  booking!: BookingType;
}
