// Takes the write lock on a relationship (by writing updatedAt) and returns its current state,
// so the optimistic version check that follows sees any concurrent writer's version.
// $id: string, $fromId: string — the relationship and its source entity
// $now: string — ISO-8601 instant
MATCH (a:Entity {id: $fromId})-[r]->(b:Entity)
WHERE r.id = $id
SET r.updatedAt = datetime($now)
RETURN properties(r) AS relationship, type(r) AS type, a.id AS fromId, b.id AS toId
