// Creates an entity kind definition at version 1. The caller has checked that the name is free.
// $name: string — the kind's name (matches IDENTIFIER_PATTERN; also the records' label)
// $category: string — STAKEHOLDER, OBJECT or LOCATION
// $description: string | null — free text
// $propertySchema: string — the property definitions as a JSON array of {name, type, required, description}
// $actor: string — who defines it (createdBy, updatedBy)
// $now: string — ISO-8601 instant (createdAt, updatedAt)
CREATE (k:EntityKind {
  name: $name,
  category: $category,
  description: $description,
  propertySchema: $propertySchema,
  deprecated: false,
  version: 1,
  createdAt: datetime($now),
  updatedAt: datetime($now),
  createdBy: $actor,
  updatedBy: $actor
})
RETURN k {.name, .category, .description, .propertySchema, .deprecated, .version, .createdAt, .updatedAt, .createdBy, .updatedBy} AS kind
