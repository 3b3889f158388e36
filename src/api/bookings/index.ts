/** The bookings and occupancy GraphQL surface (issue 3). */
import { BookingResolver } from './booking.resolver';

/** Resolver classes to add to the schema. */
export const bookingResolvers = [BookingResolver] as const;
