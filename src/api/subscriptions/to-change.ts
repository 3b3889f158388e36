import type { DomainEvent } from '../../events/domain-event';
import type { ChangeInterface } from './change.interface';

/** The fields every change payload shares, from the event that carries it. */
export function changeOf(event: DomainEvent): ChangeInterface {
  return { eventId: event.id, cursor: event.cursor, type: event.type, actor: event.actor, occurredAt: event.occurredAt };
}

/** The record `key` of an event's payload (e.g. `entity`), typed as the caller expects. */
export function recordOf<T>(event: DomainEvent, key: string): T {
  return event.payload[key] as T;
}
