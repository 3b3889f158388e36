// Changes a batch of existing entities found by id: sets the given properties, bumps the version.
// $rows: list of {id: string, changes: map} — name and custom properties to set
// $actor: string — recorded as updatedBy
// $now: string — ISO-8601 instant, stored as updatedAt
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
SET n += row.changes, n.version = n.version + 1, n.updatedBy = $actor, n.updatedAt = datetime($now)
RETURN count(n) AS updated
