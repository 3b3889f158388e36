// Deletes a relationship type definition. The caller has checked that nothing uses it.
// $name: string — the type's name
MATCH (t:RelationshipType {name: $name})
DELETE t
RETURN count(*) AS deleted
