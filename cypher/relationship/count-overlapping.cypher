// Counts the relationships of a type at one end of an entity whose validity overlaps an
// interval: the cardinality check, run after the new relationship is written so that
// both engines have locked the entity.
// $entityId: string
// $side: string — SOURCE (relationships leaving the entity) or TARGET (arriving at it)
// $type: string
// $excludeId: string | null — the relationship being checked is not counted
// $validFrom: string | null, $validTo: string | null — the interval; null is unbounded
MATCH (e:Entity {id: $entityId})-[r]-(other:Entity)
WHERE type(r) = $type
  AND ($excludeId IS NULL OR r.id <> $excludeId)
  AND (($side = 'SOURCE' AND startNode(r).id = $entityId) OR ($side = 'TARGET' AND endNode(r).id = $entityId))
  AND (r.validFrom IS NULL OR $validTo IS NULL OR r.validFrom < datetime($validTo))
  AND (r.validTo IS NULL OR $validFrom IS NULL OR r.validTo > datetime($validFrom))
WITH count(r) AS overlapping, collect(r.id) AS ids
RETURN overlapping, ids[0] AS example
