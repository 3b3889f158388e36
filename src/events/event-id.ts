import { monotonicFactory } from 'ulid';

const next = monotonicFactory();

/**
 * A new event id, which is also its cursor: ULIDs sort by time, and the monotonic factory
 * keeps ids from one process strictly increasing even within one millisecond.
 */
export function newEventId(): string {
  return next();
}
