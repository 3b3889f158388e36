/** Interval arithmetic for bookings (pure). Intervals are half-open: [start, end). */
import { BadUserInputError } from '../errors';
import { checkInstant } from '../touchpoints/touchpoint-rules';

export interface Interval {
  start: string;
  end: string;
}

/**
 * Normalises and checks an interval.
 * @throws BadUserInputError for a malformed instant (field `<startField>`/`<endField>`) or end ≤ start.
 */
export function checkInterval(start: string, end: string, startField = 'start', endField = 'end'): Interval {
  const s = checkInstant(start, startField);
  const e = checkInstant(end, endField);
  if (Date.parse(e) <= Date.parse(s)) {
    throw new BadUserInputError(`${endField} (${e}) must be after ${startField} (${s})`, endField);
  }
  return { start: s, end: e };
}

/** The most intervals that hold at one instant inside `window`. */
export function maxConcurrent(intervals: readonly Interval[], window: Interval): number {
  const lo = Date.parse(window.start);
  const hi = Date.parse(window.end);
  const events: [number, number][] = [];
  for (const i of intervals) {
    const s = Math.max(Date.parse(i.start), lo);
    const e = Math.min(Date.parse(i.end), hi);
    if (s < e) events.push([s, 1], [e, -1]);
  }
  // Ends before starts at the same instant: [a, b) and [b, c) do not overlap.
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let current = 0;
  let max = 0;
  for (const [, delta] of events) {
    current += delta;
    max = Math.max(max, current);
  }
  return max;
}

/** Milliseconds of `window` covered by at least one interval, and the sum of all clipped lengths. */
export function coverage(intervals: readonly Interval[], window: Interval): { coveredMs: number; summedMs: number } {
  const lo = Date.parse(window.start);
  const hi = Date.parse(window.end);
  const clipped = intervals
    .map((i) => [Math.max(Date.parse(i.start), lo), Math.min(Date.parse(i.end), hi)] as const)
    .filter(([s, e]) => s < e)
    .sort((a, b) => a[0] - b[0]);
  let coveredMs = 0;
  let summedMs = 0;
  let reach = -Infinity;
  for (const [s, e] of clipped) {
    summedMs += e - s;
    if (e > reach) {
      coveredMs += e - Math.max(s, reach);
      reach = e;
    }
  }
  return { coveredMs, summedMs };
}

/** A resource's capacity: its `capacity` property when it is a positive whole number, else 1. */
export function capacityOf(properties: Readonly<Record<string, unknown>>): number {
  const c = properties.capacity;
  return typeof c === 'number' && Number.isSafeInteger(c) && c >= 1 ? c : 1;
}
