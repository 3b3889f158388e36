import { ObjectType } from 'type-graphql';
import { ConnectionOf } from '../shared/connection';
import { BookingType } from './booking.type';

@ObjectType({ description: 'A page of bookings.' })
export class BookingConnection extends ConnectionOf('Booking', BookingType) {}
