// Creates a batch of relationships of one type between existing entities.
// Identifiers: __TYPE__ (a registered relationship type).
// $rows: list of {fromId, toId, props: map, validFrom: string|null, validTo: string|null}
//   props holds id, source, externalId and, when set, role, strength and the custom
//   properties (null values left out); validFrom/validTo are ISO-8601 instants or null
// $actor: string — recorded as createdBy and updatedBy
// $now: string — ISO-8601 instant, converted once and stored as createdAt and updatedAt
WITH datetime($now) AS now
UNWIND $rows AS row
MATCH (a:Entity {id: row.fromId})
MATCH (b:Entity {id: row.toId})
CREATE (a)-[r:__TYPE__]->(b)
SET r += row.props,
  r.validFrom = datetime(row.validFrom),
  r.validTo = datetime(row.validTo),
  r.version = 1,
  r.createdBy = $actor,
  r.updatedBy = $actor,
  r.createdAt = now,
  r.updatedAt = now
RETURN count(r) AS created
