// Every entity kind definition, deprecated ones included, sorted by name.
// No parameters.
MATCH (k:EntityKind)
RETURN k {.name, .category, .description, .propertySchema, .deprecated, .version, .createdAt, .updatedAt, .createdBy, .updatedBy} AS kind
ORDER BY k.name
