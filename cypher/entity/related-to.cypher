// The ids of the entities that satisfy every "related to" condition, found from the
// related entities (an indexed seek each) rather than by testing every entity.
// $relatedTo: list of {id, type, activeAt} — type and activeAt may be null
UNWIND range(0, size($relatedTo) - 1) AS i
WITH i, $relatedTo[i] AS rel
MATCH (other:Entity {id: rel.id})-[r]-(n:Entity)
WHERE (rel.type IS NULL OR type(r) = rel.type)
  AND (rel.activeAt IS NULL OR (
    (r.validFrom IS NULL OR r.validFrom <= datetime(rel.activeAt))
    AND (r.validTo IS NULL OR r.validTo > datetime(rel.activeAt))))
WITH n.id AS id, count(DISTINCT i) AS satisfied
WHERE satisfied = size($relatedTo)
RETURN collect(id) AS ids
