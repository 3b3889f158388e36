// One step of a path search: every relationship from a frontier entity to an entity not
// yet visited by this side of the search, honouring the same filters as a neighbourhood.
// $frontier: list of strings — ids of the entities on the frontier
// $visited: map from id to true — the entities this side has already reached (empty map:
//   return every relationship); a map so the test is a constant-time look-up
// $types: list of strings | null — only relationships of these types
// $direction: string — OUTGOING, INCOMING or BOTH, relative to the frontier entity
// $symmetricTypes: list of strings — types whose stored direction carries no meaning
// $kinds: list of strings | null — only reach entities of these kinds …
// $categories: list of strings | null — … and of these categories …
// $ends: map from id to true — … except these (the ends of a path), reached whatever they are
// $activeAt: string | null — only relationships valid at this ISO-8601 instant
UNWIND $frontier AS frontierId
MATCH (n:Entity {id: frontierId})-[r]-(m:Entity)
WHERE $visited[m.id] IS NULL
  AND ($types IS NULL OR type(r) IN $types)
  AND ($direction = 'BOTH' OR type(r) IN $symmetricTypes
    OR ($direction = 'OUTGOING' AND startNode(r) = n)
    OR ($direction = 'INCOMING' AND endNode(r) = n))
  AND ($ends[m.id] IS NOT NULL OR (
    ($kinds IS NULL OR m.kind IN $kinds)
    AND ($categories IS NULL OR m.category IN $categories)))
  AND ($activeAt IS NULL OR (
    (r.validFrom IS NULL OR r.validFrom <= datetime($activeAt))
    AND (r.validTo IS NULL OR r.validTo > datetime($activeAt))))
RETURN frontierId AS nodeId, m.id AS otherId, r.id AS relationshipId, type(r) AS type,
  startNode(r) = n AS outgoing, r.strength AS strength
