// The relationships whose both ends are among the given entities (the edges of a
// neighbourhood), each once, seen from its stored source; scalars only (the full
// relationship is loaded on demand).
// $ids: list of strings — the entities
// $idSet: map from id to true — the same entities, for a constant-time membership test
// $types: list of strings | null — only relationships of these types
// $activeAt: string | null — only relationships valid at this ISO-8601 instant
UNWIND $ids AS sourceId
MATCH (a:Entity {id: sourceId})-[r]->(b:Entity)
WHERE $idSet[b.id] IS NOT NULL
  AND ($types IS NULL OR type(r) IN $types)
  AND ($activeAt IS NULL OR (
    (r.validFrom IS NULL OR r.validFrom <= datetime($activeAt))
    AND (r.validTo IS NULL OR r.validTo > datetime($activeAt))))
RETURN r.id AS id, type(r) AS type, sourceId AS fromId, b.id AS toId, r.strength AS strength
