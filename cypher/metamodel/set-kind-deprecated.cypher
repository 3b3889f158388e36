// Marks an entity kind deprecated (or not) and bumps its version (no row when it does not exist).
// $name: string — the kind's name
// $deprecated: boolean — true: no new records of this kind; false: back in service
// $actor: string — who changes it (updatedBy)
// $now: string — ISO-8601 instant (updatedAt)
MATCH (k:EntityKind {name: $name})
SET k.deprecated = $deprecated,
    k.version = k.version + 1,
    k.updatedAt = datetime($now),
    k.updatedBy = $actor
RETURN k {.name, .category, .description, .propertySchema, .deprecated, .version, .createdAt, .updatedAt, .createdBy, .updatedBy} AS kind
