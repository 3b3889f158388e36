// A page of relationships for each of several entities, with each entity's total: the
// batch behind the relationships field of an entity (one call for a whole list).
// $ids: list of strings — the entities
// $types: list of strings | null — only these types
// $direction: string — OUTGOING, INCOMING or BOTH (relative to each entity)
// $symmetricTypes: list of strings — types whose direction carries no meaning (match any direction)
// $activeAt: string | null — only relationships valid at this ISO-8601 instant
// $backward: boolean — count the window from the end (Relay's last/before)
// $skip: integer — forward: the first row of the window
// $before: integer | null — backward: the window ends before this row (null: at the end)
// $limit: integer — the window's size
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
  WITH matches, size(matches) AS total
  WITH matches, total,
    CASE WHEN NOT $backward THEN $skip + $limit WHEN $before IS NULL OR $before > total THEN total ELSE $before END AS stop
  WITH matches, total, stop, CASE WHEN NOT $backward THEN $skip WHEN stop < $limit THEN 0 ELSE stop - $limit END AS start
  RETURN total AS totalCount, start AS offset, matches[start..stop] AS relationships
}
RETURN n.id AS entityId, totalCount, offset, relationships
