// Takes the write lock on a touchpoint (by writing updatedAt) and returns its current state,
// so the optimistic version check that follows sees any concurrent writer's version.
// $id: string
// $now: string — ISO-8601 instant
MATCH (t:Touchpoint {id: $id})
SET t.updatedAt = datetime($now)
WITH t
CALL (t) {
  MATCH (t)-[r:INVOLVES]->(p:Entity)
  RETURN collect({entityId: p.id, role: r.role}) AS participants
}
CALL (t) {
  MATCH (t)-[:ABOUT]->(o:Entity)
  RETURN collect(o.id) AS objectIds
}
CALL (t) {
  MATCH (t)-[:AT]->(l:Entity)
  RETURN collect(l.id) AS locationIds
}
RETURN properties(t) AS touchpoint, participants, objectIds, locationIds[0] AS locationId
