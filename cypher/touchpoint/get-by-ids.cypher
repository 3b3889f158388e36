// The touchpoints with the given ids, with their participants, objects and location; ids
// that do not exist yield no row.
// $ids: list of strings
UNWIND $ids AS id
MATCH (t:Touchpoint {id: id})
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
