// Takes the write lock on a relationship type (by writing lockedAt) and returns its
// current state (no row when it does not exist); see lock-kind.cypher for why.
// $name: string — the type's name
// $now: string — ISO-8601 instant (lockedAt)
MATCH (t:RelationshipType {name: $name})
SET t.lockedAt = datetime($now)
RETURN t {.name, .description, .sourceKinds, .sourceCategories, .targetKinds, .targetCategories, .directed, .inverseName, .cardinality, .allowSelf, .propertySchema, .deprecated, .version, .createdAt, .updatedAt, .createdBy, .updatedBy} AS relationshipType
