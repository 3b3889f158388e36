// Schema for the embedded Grafeo engine, applied idempotently at start-up.
// Grafeo has no cheap UNIQUE constraint (it scans the label per insert), so ids are
// kept unique by generating them, and every lookup key gets a plain index.
CREATE INDEX entity_id IF NOT EXISTS FOR (n:Entity) ON (n.id);
CREATE INDEX entity_kind IF NOT EXISTS FOR (n:Entity) ON (n.kind);
CREATE INDEX entity_kind_def_name IF NOT EXISTS FOR (n:EntityKind) ON (n.name);
CREATE INDEX relationship_type_def_name IF NOT EXISTS FOR (n:RelationshipType) ON (n.name);
CREATE INDEX domain_event_cursor IF NOT EXISTS FOR (n:DomainEvent) ON (n.cursor);
CREATE INDEX domain_event_seq IF NOT EXISTS FOR (n:DomainEvent) ON (n.seq);
CREATE INDEX event_log_name IF NOT EXISTS FOR (n:EventLog) ON (n.name);
CREATE INDEX entity_external_id IF NOT EXISTS FOR (n:Entity) ON (n.externalId);
// touchpoints & bookings
CREATE INDEX touchpoint_id IF NOT EXISTS FOR (n:Touchpoint) ON (n.id);
CREATE INDEX touchpoint_occurred_at IF NOT EXISTS FOR (n:Touchpoint) ON (n.occurredAt);
CREATE INDEX touchpoint_idempotency_key IF NOT EXISTS FOR (n:Touchpoint) ON (n.idempotencyKey);
CREATE INDEX booking_id IF NOT EXISTS FOR (n:Booking) ON (n.id);
CREATE INDEX booking_resource IF NOT EXISTS FOR (n:Booking) ON (n.resourceId);
CREATE INDEX channel_name IF NOT EXISTS FOR (n:Channel) ON (n.name);
// idempotency keys of createEntity, relate and book
CREATE INDEX idempotency_key_scoped_key IF NOT EXISTS FOR (n:IdempotencyKey) ON (n.scopedKey);
