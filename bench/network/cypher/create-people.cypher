// Bench and test data: creates Person entities in bulk (bypassing the services, for speed).
// $rows: list of maps {id, name}
// $now: string — ISO-8601 instant
UNWIND $rows AS row
CREATE (n:Entity:Stakeholder:Person)
SET n.id = row.id, n.name = row.name, n.kind = 'Person', n.category = 'STAKEHOLDER', n.version = 1,
  n.createdAt = datetime($now), n.updatedAt = datetime($now), n.createdBy = 'test', n.updatedBy = 'test'
RETURN count(n) AS created
