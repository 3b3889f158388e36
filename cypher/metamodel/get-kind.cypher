// One entity kind definition (no row when it does not exist).
// $name: string — the kind's name
MATCH (k:EntityKind {name: $name})
RETURN k {.name, .category, .description, .propertySchema, .deprecated, .version, .createdAt, .updatedAt, .createdBy, .updatedBy} AS kind
