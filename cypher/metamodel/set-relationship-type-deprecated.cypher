// Marks a relationship type deprecated (or not) and bumps its version (no row when it does not exist).
// $name: string — the type's name
// $deprecated: boolean — true: no new relationships of this type; false: back in service
// $actor: string — who changes it (updatedBy)
// $now: string — ISO-8601 instant (updatedAt)
MATCH (t:RelationshipType {name: $name})
SET t.deprecated = $deprecated,
    t.version = t.version + 1,
    t.updatedAt = datetime($now),
    t.updatedBy = $actor
RETURN t {.name, .description, .sourceKinds, .sourceCategories, .targetKinds, .targetCategories, .directed, .inverseName, .cardinality, .allowSelf, .propertySchema, .deprecated, .version, .createdAt, .updatedAt, .createdBy, .updatedBy} AS relationshipType
