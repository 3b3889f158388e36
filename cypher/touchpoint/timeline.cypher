// The journey of an entity: its touchpoints and the start and end of each of its
// relationships, as one list in time order (ties: touchpoints first, then by id), with the
// total count. Relationship events carry the relationship; touchpoints only their id.
// $id: string — the entity
// $from, $to: string | null — ISO-8601 instants; from inclusive, to exclusive
// $includeRelationships: boolean
// $skip: integer, $limit: integer — the window
MATCH (e:Entity {id: $id})
CALL (e) {
  MATCH (t:Touchpoint)-[:INVOLVES|ABOUT|AT]->(e)
  WITH DISTINCT t
  RETURN collect({at: t.occurredAt, kind: 'TOUCHPOINT', id: t.id}) AS touchpoints
}
CALL (e) {
  MATCH (e)-[r]-(other:Entity)
  WHERE $includeRelationships
  RETURN collect({at: coalesce(r.validFrom, r.createdAt), kind: 'RELATIONSHIP_STARTED', id: r.id,
      relationship: properties(r), type: type(r), fromId: startNode(r).id, toId: endNode(r).id}) AS started,
    collect(CASE WHEN r.validTo IS NULL THEN null ELSE {at: r.validTo, kind: 'RELATIONSHIP_ENDED', id: r.id,
      relationship: properties(r), type: type(r), fromId: startNode(r).id, toId: endNode(r).id} END) AS ended
}
UNWIND touchpoints + started + ended AS item
WITH item
WHERE ($from IS NULL OR item.at >= datetime($from)) AND ($to IS NULL OR item.at < datetime($to))
WITH item ORDER BY item.at ASC, CASE item.kind WHEN 'TOUCHPOINT' THEN 0 WHEN 'RELATIONSHIP_STARTED' THEN 1 ELSE 2 END ASC, item.id ASC
WITH collect(item) AS items
RETURN size(items) AS totalCount, items[$skip..($skip + $limit)] AS items
