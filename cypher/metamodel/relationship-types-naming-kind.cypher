// The relationship types whose endpoint rules name a kind: such a kind cannot be deleted.
// $name: string — the kind's name
MATCH (t:RelationshipType)
WHERE $name IN t.sourceKinds OR $name IN t.targetKinds
RETURN t.name AS name
ORDER BY name
