// Deletes an entity kind definition. The caller has checked that nothing uses it.
// $name: string — the kind's name
MATCH (k:EntityKind {name: $name})
DELETE k
RETURN count(*) AS deleted
