// Creates a batch of relationships of one type between existing entities.
// Identifiers: __TYPE__ (a registered relationship type).
// $rows: list of {fromId, toId, props: map, validFrom: string|null, validTo: string|null}
//   props holds id, role, strength, version, source, externalId, createdBy, updatedBy and
//   the custom properties; validFrom/validTo are ISO-8601 instants
// $now: string — ISO-8601 instant
UNWIND $rows AS row
MATCH (a:Entity {id: row.fromId})
MATCH (b:Entity {id: row.toId})
CREATE (a)-[r:__TYPE__]->(b)
SET r += row.props,
  r.validFrom = CASE WHEN row.validFrom IS NULL THEN null ELSE datetime(row.validFrom) END,
  r.validTo = CASE WHEN row.validTo IS NULL THEN null ELSE datetime(row.validTo) END,
  r.createdAt = datetime($now),
  r.updatedAt = datetime($now)
RETURN count(r) AS created
