// Creates one relationship between two existing entities.
// Identifiers: __TYPE__ (a registered relationship type).
// $fromId: string, $toId: string — the entities
// $props: map — id, role, strength, version, createdBy, updatedBy and the custom properties
// $validFrom: string | null, $validTo: string | null — ISO-8601 instants
// $now: string — ISO-8601 instant
MATCH (a:Entity {id: $fromId})
MATCH (b:Entity {id: $toId})
CREATE (a)-[r:__TYPE__]->(b)
SET r += $props,
  r.validFrom = CASE WHEN $validFrom IS NULL THEN null ELSE datetime($validFrom) END,
  r.validTo = CASE WHEN $validTo IS NULL THEN null ELSE datetime($validTo) END,
  r.createdAt = datetime($now),
  r.updatedAt = datetime($now)
RETURN properties(r) AS relationship, type(r) AS type, a.id AS fromId, b.id AS toId
