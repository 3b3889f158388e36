// Every relationship type definition, deprecated ones included, sorted by name.
// No parameters.
MATCH (t:RelationshipType)
RETURN t {.name, .description, .sourceKinds, .sourceCategories, .targetKinds, .targetCategories, .directed, .inverseName, .cardinality, .allowSelf, .propertySchema, .deprecated, .version, .createdAt, .updatedAt, .createdBy, .updatedBy} AS relationshipType
ORDER BY t.name
