// One step of a path search: every relationship from a frontier entity to an entity not
// yet visited by this side of the search, in either direction.
// $frontier: list of strings — ids of the entities on the frontier
// $visited: map from id to true — the entities this side has already reached (empty map:
//   return every relationship); a map so the test is a constant-time look-up
// $types: list of strings | null — only relationships of these types
// $activeAt: string | null — only relationships valid at this ISO-8601 instant
UNWIND $frontier AS frontierId
MATCH (n:Entity {id: frontierId})-[r]-(m:Entity)
WHERE $visited[m.id] IS NULL
  AND ($types IS NULL OR type(r) IN $types)
  AND ($activeAt IS NULL OR (
    (r.validFrom IS NULL OR r.validFrom <= datetime($activeAt))
    AND (r.validTo IS NULL OR r.validTo > datetime($activeAt))))
RETURN frontierId AS nodeId, m.id AS otherId, r.id AS relationshipId, type(r) AS type,
  startNode(r) = n AS outgoing, r.strength AS strength
