// Sets the name and custom properties of an entity and bumps its version.
// $id: string
// $changes: map — properties to set; a null value removes the property
// $actor: string — who changes it
// $now: string — ISO-8601 instant
MATCH (n:Entity {id: $id})
SET n += $changes, n.version = n.version + 1, n.updatedAt = datetime($now), n.updatedBy = $actor
RETURN properties(n) AS entity
