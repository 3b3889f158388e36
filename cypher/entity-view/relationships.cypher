// The relationship part of an entity's 360° view, in one call: the entity, its
// relationships grouped by type (per type the total and the first $perType, oldest first,
// each with the properties of the entity at the other end), and per neighbour the explicit
// strengths of every relationship to it (for key neighbours by relationship strength).
// No row for an unknown entity.
// $id: string — the entity
// $perType: integer — how many relationships of each type to return
MATCH (e:Entity {id: $id})
CALL (e) {
  OPTIONAL MATCH (e)-[r]-(other:Entity)
  WITH r, other ORDER BY r.createdAt ASC, r.id ASC
  WITH r, other WHERE r IS NOT NULL
  WITH type(r) AS relType, collect({relationship: properties(r), type: type(r), fromId: startNode(r).id,
    toId: endNode(r).id, other: properties(other)}) AS items
  RETURN collect({type: relType, totalCount: size(items), items: items[0..$perType]}) AS groups
}
CALL (e) {
  OPTIONAL MATCH (e)-[r]-(other:Entity)
  WITH e, r, other WHERE r IS NOT NULL AND other.id <> e.id
  WITH other, collect(coalesce(r.strength, -1.0)) AS strengths
  RETURN collect({other: properties(other), strengths: strengths}) AS neighbours
}
RETURN properties(e) AS entity, groups, neighbours
