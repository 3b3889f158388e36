// A page of relationships for each of several entities, with each entity's total: the
// batch behind the relationships field of an entity (one call for a whole list).
// $ids: list of strings — the entities
// $types: list of strings | null — only these types
// $direction: string — OUTGOING, INCOMING or BOTH (relative to each entity)
// $symmetricTypes: list of strings — types whose direction carries no meaning (match any direction)
// $activeAt: string | null — only relationships valid at this ISO-8601 instant
// $skip: integer, $limit: integer — the window within each entity's relationships
UNWIND $ids AS entityId
MATCH (n:Entity {id: entityId})
CALL (n) {
  MATCH (n)-[r]-(other:Entity)
  WHERE ($types IS NULL OR type(r) IN $types)
    AND ($direction = 'BOTH' OR type(r) IN $symmetricTypes
      OR ($direction = 'OUTGOING' AND startNode(r).id = n.id)
      OR ($direction = 'INCOMING' AND endNode(r).id = n.id))
    AND ($activeAt IS NULL OR (
      (r.validFrom IS NULL OR r.validFrom <= datetime($activeAt))
      AND (r.validTo IS NULL OR r.validTo > datetime($activeAt))))
  WITH r ORDER BY r.createdAt ASC, r.id ASC
  WITH collect({relationship: properties(r), type: type(r), fromId: startNode(r).id, toId: endNode(r).id}) AS matches
  RETURN size(matches) AS totalCount, matches[$skip..($skip + $limit)] AS relationships
}
RETURN n.id AS entityId, totalCount, relationships
