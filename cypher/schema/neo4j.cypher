// Schema for Neo4j 5, applied idempotently at start-up.
CREATE CONSTRAINT entity_id_unique IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
CREATE INDEX entity_kind IF NOT EXISTS FOR (n:Entity) ON (n.kind);
CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name);
CREATE CONSTRAINT entity_kind_def_name_unique IF NOT EXISTS FOR (n:EntityKind) REQUIRE n.name IS UNIQUE;
CREATE CONSTRAINT relationship_type_def_name_unique IF NOT EXISTS FOR (n:RelationshipType) REQUIRE n.name IS UNIQUE;
CREATE CONSTRAINT domain_event_id_unique IF NOT EXISTS FOR (n:DomainEvent) REQUIRE n.id IS UNIQUE;
CREATE INDEX domain_event_cursor IF NOT EXISTS FOR (n:DomainEvent) ON (n.cursor);
