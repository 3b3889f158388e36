/** The bookings and occupancy GraphQL surface. */
import { BookingResolver } from './booking.resolver';

/** Resolver classes to add to the schema. */
export const bookingResolvers = [BookingResolver] as const;
