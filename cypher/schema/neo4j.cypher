// Schema for Neo4j 5, applied idempotently at start-up.
CREATE CONSTRAINT entity_id_unique IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
CREATE INDEX entity_kind IF NOT EXISTS FOR (n:Entity) ON (n.kind);
CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name);
CREATE CONSTRAINT entity_kind_def_name_unique IF NOT EXISTS FOR (n:EntityKind) REQUIRE n.name IS UNIQUE;
CREATE CONSTRAINT relationship_type_def_name_unique IF NOT EXISTS FOR (n:RelationshipType) REQUIRE n.name IS UNIQUE;
CREATE CONSTRAINT domain_event_id_unique IF NOT EXISTS FOR (n:DomainEvent) REQUIRE n.id IS UNIQUE;
CREATE INDEX domain_event_cursor IF NOT EXISTS FOR (n:DomainEvent) ON (n.cursor);
CREATE INDEX domain_event_seq IF NOT EXISTS FOR (n:DomainEvent) ON (n.seq);
CREATE INDEX domain_event_occurred_at IF NOT EXISTS FOR (n:DomainEvent) ON (n.occurredAt);
CREATE CONSTRAINT event_log_name_unique IF NOT EXISTS FOR (n:EventLog) REQUIRE n.name IS UNIQUE;
CREATE INDEX entity_import_key IF NOT EXISTS FOR (n:Entity) ON (n.source, n.externalId);
// touchpoints & bookings
CREATE CONSTRAINT touchpoint_id_unique IF NOT EXISTS FOR (n:Touchpoint) REQUIRE n.id IS UNIQUE;
CREATE INDEX touchpoint_occurred_at IF NOT EXISTS FOR (n:Touchpoint) ON (n.occurredAt);
CREATE CONSTRAINT touchpoint_idempotency_key_unique IF NOT EXISTS FOR (n:Touchpoint) REQUIRE n.idempotencyKey IS UNIQUE;
CREATE CONSTRAINT booking_id_unique IF NOT EXISTS FOR (n:Booking) REQUIRE n.id IS UNIQUE;
CREATE INDEX booking_resource IF NOT EXISTS FOR (n:Booking) ON (n.resourceId);
CREATE CONSTRAINT channel_name_unique IF NOT EXISTS FOR (n:Channel) REQUIRE n.name IS UNIQUE;
// idempotency keys of createEntity, relate and book
CREATE CONSTRAINT idempotency_key_scoped_key_unique IF NOT EXISTS FOR (n:IdempotencyKey) REQUIRE n.scopedKey IS UNIQUE;
