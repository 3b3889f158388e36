/** Whether a booking still holds its resource. */
export enum BookingStatus {
  ACTIVE = 'ACTIVE',
  CANCELLED = 'CANCELLED',
}

/**
 * A resource (an object or a location) reserved for a stakeholder (or an event entity)
 * over the half-open interval [start, end): `(:Booking)-[:RESERVES]->(resource)` and
 * `(:Booking)-[:BOOKED_FOR]->(booker)`.
 */
export interface Booking {
  id: string;
  resourceId: string;
  bookerId: string;
  /** ISO-8601 instant, inclusive. */
  start: string;
  /** ISO-8601 instant, exclusive. */
  end: string;
  purpose: string | null;
  status: BookingStatus;
  cancelledAt: string | null;
  cancelReason: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
  updatedBy: string;
}

export interface BookCommand {
  resourceId: string;
  bookerId: string;
  start: string;
  end: string;
  purpose?: string | null;
  /** The client's key for a safe retry: a second request with it returns the first result and writes nothing. */
  idempotencyKey?: string | null;
}

/** Which bookings to list: of a resource or of a booker (one of them), optionally in a period. */
export interface BookingQuery {
  resourceId?: string | null;
  bookerId?: string | null;
  /** Bookings ending after this instant. */
  from?: string | null;
  /** Bookings starting before this instant. */
  to?: string | null;
  includeCancelled?: boolean | null;
}

/** Whether a resource is in use at an instant, and by whom. */
export interface Occupancy {
  resourceId: string;
  at: string;
  occupied: boolean;
  /** How many bookings may overlap (the resource's `capacity` property, default 1). */
  capacity: number;
  /** Capacity minus the bookings active at that instant (never below 0). */
  available: number;
  bookings: Booking[];
}

/** How much of a period a resource was booked. */
export interface OccupancyRate {
  resourceId: string;
  from: string;
  to: string;
  capacity: number;
  /** Hours in which at least one booking held the resource. */
  occupiedHours: number;
  /** Sum of all bookings' hours within the period. */
  bookedHours: number;
  /** occupiedHours / period hours: 0 … 1. */
  rate: number;
  /** bookedHours / (capacity × period hours): 0 … 1. */
  utilisation: number;
  bookingCount: number;
}

/** Which resources to look for. */
export interface FreeResourcesQuery {
  kind: string;
  start: string;
  end: string;
  /** Only resources inside this location (via LOCATED_IN / PART_OF, up to 4 levels). */
  locationId?: string | null;
  /** Only resources whose `capacity` is at least this (a resource without one counts as 1). */
  minCapacity?: number | null;
  /** Most resources returned (default 100). */
  limit?: number | null;
}
