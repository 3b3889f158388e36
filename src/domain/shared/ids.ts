import { monotonicFactory } from 'ulid';

const nextUlid = monotonicFactory();

/** A new record id: a ULID, so ids sort by creation time and need no coordination. */
export function newId(): string {
  return nextUlid();
}
