import { isoOf } from '../touchpoints/touchpoint-record';
import type { Booking, BookingStatus } from './booking.model';

/** The row shape of booking reads: `properties(b) AS booking`. */
export interface BookingRow extends Record<string, unknown> {
  booking: Record<string, unknown>;
}

export function toBooking(row: BookingRow): Booking {
  const b = row.booking;
  return {
    id: String(b.id),
    resourceId: String(b.resourceId),
    bookerId: String(b.bookerId),
    start: isoOf(b.start),
    end: isoOf(b.end),
    purpose: str(b.purpose),
    status: String(b.status) as BookingStatus,
    cancelledAt: b.cancelledAt == null ? null : isoOf(b.cancelledAt),
    cancelReason: str(b.cancelReason),
    version: Number(b.version),
    createdAt: isoOf(b.createdAt),
    updatedAt: isoOf(b.updatedAt),
    createdBy: str(b.createdBy) ?? 'system',
    updatedBy: str(b.updatedBy) ?? 'system',
  };
}

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}
