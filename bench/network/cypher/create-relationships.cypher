// Bench and test data: creates relationships of one type in bulk (bypassing the services, for speed).
// Identifiers: __TYPE__
// $rows: list of maps {id, fromId, toId, strength}
// $now: string — ISO-8601 instant
UNWIND $rows AS row
MATCH (a:Entity {id: row.fromId})
MATCH (b:Entity {id: row.toId})
CREATE (a)-[r:__TYPE__]->(b)
SET r.id = row.id, r.strength = toFloat(row.strength), r.version = 1,
  r.createdAt = datetime($now), r.updatedAt = datetime($now), r.createdBy = 'test', r.updatedBy = 'test'
RETURN count(r) AS created
