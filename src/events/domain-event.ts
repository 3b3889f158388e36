/** What happened; one value per kind of committed change. */
export enum DomainEventType {
  ENTITY_CREATED = 'ENTITY_CREATED',
  ENTITY_UPDATED = 'ENTITY_UPDATED',
  ENTITY_DELETED = 'ENTITY_DELETED',
  RELATIONSHIP_CREATED = 'RELATIONSHIP_CREATED',
  RELATIONSHIP_UPDATED = 'RELATIONSHIP_UPDATED',
  RELATIONSHIP_ENDED = 'RELATIONSHIP_ENDED',
  RELATIONSHIP_DELETED = 'RELATIONSHIP_DELETED',
  TOUCHPOINT_RECORDED = 'TOUCHPOINT_RECORDED',
  TOUCHPOINT_UPDATED = 'TOUCHPOINT_UPDATED',
  TOUCHPOINT_DELETED = 'TOUCHPOINT_DELETED',
  BOOKING_MADE = 'BOOKING_MADE',
  BOOKING_CANCELLED = 'BOOKING_CANCELLED',
  METAMODEL_CHANGED = 'METAMODEL_CHANGED',
  /**
   * One committed batch of a bulk import (CLI, GraphQL import mutations, demo data): one
   * event per batch, not per record. subjectIds: the ids created or updated (at most
   * 1,000; payload.subjectIdsTruncated says when more changed); payload: {records:
   * 'ENTITIES'|'RELATIONSHIPS'|'TOUCHPOINTS'|'BOOKINGS', created, updated, unchanged, rejected, subjectIdsTruncated}.
   */
  IMPORT_BATCH_COMMITTED = 'IMPORT_BATCH_COMMITTED',
  /** An API key was created. subjectIds: [key id]; payload: {id, name, role, createdBy, revokedAt} — never the secret or hash. */
  API_KEY_CREATED = 'API_KEY_CREATED',
  /** An API key was revoked (once; revoking again records nothing). Same payload as API_KEY_CREATED. */
  API_KEY_REVOKED = 'API_KEY_REVOKED',
}

/** A change as a service describes it inside its transaction. */
export interface DomainEventDraft {
  type: DomainEventType;
  /** Every record id the change involves (the entity; a relationship and both its ends; …). */
  subjectIds: string[];
  /** The state after the change (before it, for deletions), as plain JSON. */
  payload: Record<string, unknown>;
}

/** A committed change, as stored in the event log and delivered to subscribers. */
export interface DomainEvent extends DomainEventDraft {
  /** Unique id (ULID). */
  id: string;
  /** Sortable position in the event log; pass it back as `since` to resume after this event. */
  cursor: string;
  /** ISO-8601 instant of the change. */
  occurredAt: string;
  /** Who made the change. */
  actor: string;
}
