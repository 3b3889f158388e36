// Takes the write lock on an entity kind (by writing lockedAt) and returns its current
// state (no row when it does not exist). Neo4j reads without locks, so a change that reads
// the version and writes later must lock first or a concurrent change could be lost.
// $name: string — the kind's name
// $now: string — ISO-8601 instant (lockedAt)
MATCH (k:EntityKind {name: $name})
SET k.lockedAt = datetime($now)
RETURN k {.name, .category, .description, .propertySchema, .deprecated, .version, .createdAt, .updatedAt, .createdBy, .updatedBy} AS kind
