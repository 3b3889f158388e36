// Replaces the editable fields of an entity kind and bumps its version, only when the
// version is still the one the caller read (no row otherwise).
// $name: string — the kind's name
// $expectedVersion: integer — the version the caller read
// $category: string — STAKEHOLDER, OBJECT or LOCATION
// $description: string | null — free text; null removes it
// $propertySchema: string — the property definitions as a JSON array
// $actor: string — who changes it (updatedBy)
// $now: string — ISO-8601 instant (updatedAt)
MATCH (k:EntityKind {name: $name})
WHERE k.version = $expectedVersion
SET k.category = $category,
    k.description = $description,
    k.propertySchema = $propertySchema,
    k.version = k.version + 1,
    k.updatedAt = datetime($now),
    k.updatedBy = $actor
RETURN k {.name, .category, .description, .propertySchema, .deprecated, .version, .createdAt, .updatedAt, .createdBy, .updatedBy} AS kind
