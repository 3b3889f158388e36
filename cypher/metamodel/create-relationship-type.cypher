// Creates a relationship type definition at version 1. The caller has checked that the
// name is free and that the endpoint rules name registered kinds.
// $name: string — the type's name (matches IDENTIFIER_PATTERN; also the Cypher relationship type)
// $description: string | null — free text
// $sourceKinds: string[] — kinds allowed at the start (empty and no categories: any)
// $sourceCategories: string[] — categories allowed at the start
// $targetKinds: string[] — kinds allowed at the end
// $targetCategories: string[] — categories allowed at the end
// $directed: boolean — false: symmetric, the stored direction carries no meaning
// $inverseName: string | null — how it reads from the target's side
// $cardinality: string — MANY_TO_MANY, MANY_TO_ONE or ONE_TO_ONE
// $allowSelf: boolean — whether a record may be related to itself
// $propertySchema: string — the property definitions as a JSON array
// $actor: string — who defines it (createdBy, updatedBy)
// $now: string — ISO-8601 instant (createdAt, updatedAt)
CREATE (t:RelationshipType {
  name: $name,
  description: $description,
  sourceKinds: $sourceKinds,
  sourceCategories: $sourceCategories,
  targetKinds: $targetKinds,
  targetCategories: $targetCategories,
  directed: $directed,
  inverseName: $inverseName,
  cardinality: $cardinality,
  allowSelf: $allowSelf,
  propertySchema: $propertySchema,
  deprecated: false,
  version: 1,
  createdAt: datetime($now),
  updatedAt: datetime($now),
  createdBy: $actor,
  updatedBy: $actor
})
RETURN t {.name, .description, .sourceKinds, .sourceCategories, .targetKinds, .targetCategories, .directed, .inverseName, .cardinality, .allowSelf, .propertySchema, .deprecated, .version, .createdAt, .updatedAt, .createdBy, .updatedBy} AS relationshipType
