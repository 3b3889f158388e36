// Schema for the embedded Grafeo engine, applied idempotently at start-up.
// Grafeo has no cheap UNIQUE constraint (it scans the label per insert), so ids are
// kept unique by generating them, and every lookup key gets a plain index.
CREATE INDEX entity_id IF NOT EXISTS FOR (n:Entity) ON (n.id);
CREATE INDEX entity_kind IF NOT EXISTS FOR (n:Entity) ON (n.kind);
CREATE INDEX entity_kind_def_name IF NOT EXISTS FOR (n:EntityKind) ON (n.name);
CREATE INDEX relationship_type_def_name IF NOT EXISTS FOR (n:RelationshipType) ON (n.name);
CREATE INDEX domain_event_cursor IF NOT EXISTS FOR (n:DomainEvent) ON (n.cursor);
