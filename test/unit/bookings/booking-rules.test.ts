import { capacityOf, checkInterval, coverage, maxConcurrent } from '../../../src/domain/bookings/booking-rules';
import { BadUserInputError } from '../../../src/domain/errors';

const iv = (start: string, end: string) => ({ start: `2026-01-01T${start}:00.000Z`, end: `2026-01-01T${end}:00.000Z` });

describe('booking rules', () => {
  it('refuses an end that is not after the start, naming the end', () => {
    expect(() => checkInterval('2026-01-01T10:00:00Z', '2026-01-01T10:00:00Z')).toThrow(BadUserInputError);
    expect(checkInterval('2026-01-01T10:00:00+01:00', '2026-01-01T11:00:00Z')).toEqual({
      start: '2026-01-01T09:00:00.000Z',
      end: '2026-01-01T11:00:00.000Z',
    });
  });

  it('counts the most intervals holding at one instant, with half-open ends', () => {
    const window = iv('00:00', '23:59');
    expect(maxConcurrent([iv('09:00', '10:00'), iv('10:00', '11:00')], window)).toBe(1);
    expect(maxConcurrent([iv('09:00', '11:00'), iv('10:00', '12:00'), iv('10:30', '10:45')], window)).toBe(3);
    expect(maxConcurrent([iv('09:00', '10:00'), iv('11:00', '12:00')], iv('10:00', '11:00'))).toBe(0);
  });

  it('measures covered time once and booked time summed, clipped to the window', () => {
    expect(coverage([iv('09:00', '11:00'), iv('10:00', '12:00')], iv('08:00', '12:00'))).toEqual({ coveredMs: 3 * 3_600_000, summedMs: 4 * 3_600_000 });
    expect(coverage([iv('07:00', '09:00')], iv('08:00', '12:00'))).toEqual({ coveredMs: 3_600_000, summedMs: 3_600_000 });
  });

  it('reads a positive whole capacity and defaults to 1', () => {
    expect(capacityOf({ capacity: 30 })).toBe(30);
    expect(capacityOf({ capacity: 0 })).toBe(1);
    expect(capacityOf({})).toBe(1);
  });
});
