// Changes a relationship's attributes and bumps its version.
// $id: string, $fromId: string
// $changes: map — role, strength and custom properties; a null value removes the property
// $validFrom: string | null, $validTo: string | null — the full new validity interval
// $actor: string, $now: string
MATCH (a:Entity {id: $fromId})-[r]->(b:Entity)
WHERE r.id = $id
SET r += $changes,
  r.validFrom = CASE WHEN $validFrom IS NULL THEN null ELSE datetime($validFrom) END,
  r.validTo = CASE WHEN $validTo IS NULL THEN null ELSE datetime($validTo) END,
  r.version = r.version + 1,
  r.updatedAt = datetime($now),
  r.updatedBy = $actor
RETURN properties(r) AS relationship, type(r) AS type, a.id AS fromId, b.id AS toId
