// One relationship type definition (no row when it does not exist).
// $name: string — the relationship type's name
MATCH (t:RelationshipType {name: $name})
RETURN t {.name, .description, .sourceKinds, .sourceCategories, .targetKinds, .targetCategories, .directed, .inverseName, .cardinality, .allowSelf, .propertySchema, .deprecated, .version, .createdAt, .updatedAt, .createdBy, .updatedBy} AS relationshipType
