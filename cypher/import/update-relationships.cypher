// Changes a batch of existing relationships found by id through their source entity.
// $rows: list of {id, fromId, changes: map, validFrom: string|null, validTo: string|null}
//   changes holds role, strength and custom properties to set
// $actor: string — recorded as updatedBy
// $now: string — ISO-8601 instant
UNWIND $rows AS row
MATCH (a:Entity {id: row.fromId})-[r]->(:Entity)
WHERE r.id = row.id
SET r += row.changes,
  r.validFrom = CASE WHEN row.validFrom IS NULL THEN null ELSE datetime(row.validFrom) END,
  r.validTo = CASE WHEN row.validTo IS NULL THEN null ELSE datetime(row.validTo) END,
  r.version = r.version + 1,
  r.updatedBy = $actor,
  r.updatedAt = datetime($now)
RETURN count(r) AS updated
