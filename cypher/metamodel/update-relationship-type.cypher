// Replaces the editable fields of a relationship type and bumps its version, only when
// the version is still the one the caller read (no row otherwise).
// $name: string — the type's name
// $expectedVersion: integer — the version the caller read
// $description: string | null — free text; null removes it
// $sourceKinds: string[] — kinds allowed at the start
// $sourceCategories: string[] — categories allowed at the start
// $targetKinds: string[] — kinds allowed at the end
// $targetCategories: string[] — categories allowed at the end
// $directed: boolean — false: symmetric
// $inverseName: string | null — how it reads from the target's side; null removes it
// $cardinality: string — MANY_TO_MANY, MANY_TO_ONE or ONE_TO_ONE
// $allowSelf: boolean — whether a record may be related to itself
// $propertySchema: string — the property definitions as a JSON array
// $actor: string — who changes it (updatedBy)
// $now: string — ISO-8601 instant (updatedAt)
MATCH (t:RelationshipType {name: $name})
WHERE t.version = $expectedVersion
SET t.description = $description,
    t.sourceKinds = $sourceKinds,
    t.sourceCategories = $sourceCategories,
    t.targetKinds = $targetKinds,
    t.targetCategories = $targetCategories,
    t.directed = $directed,
    t.inverseName = $inverseName,
    t.cardinality = $cardinality,
    t.allowSelf = $allowSelf,
    t.propertySchema = $propertySchema,
    t.version = t.version + 1,
    t.updatedAt = datetime($now),
    t.updatedBy = $actor
RETURN t {.name, .description, .sourceKinds, .sourceCategories, .targetKinds, .targetCategories, .directed, .inverseName, .cardinality, .allowSelf, .propertySchema, .deprecated, .version, .createdAt, .updatedAt, .createdBy, .updatedBy} AS relationshipType
