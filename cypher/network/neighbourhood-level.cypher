// One level of a neighbourhood expansion: the ids of the distinct entities one hop away
// from the frontier that are not in the neighbourhood yet, in id order, capped. Returns ids,
// never paths, so a hub on the frontier costs its degree, not its paths.
// $frontier: list of strings — ids of the entities reached at the previous level
// $visited: map from id to true — the entities already in the neighbourhood (a map, not a
//   list: `$visited[m.id]` is a constant-time look-up where `m.id IN $list` scans the list)
// $types: list of strings | null — only relationships of these types
// $direction: string — OUTGOING, INCOMING or BOTH, relative to the frontier entity
// $symmetricTypes: list of strings — types whose stored direction carries no meaning
// $kinds: list of strings | null — only reach entities of these kinds
// $categories: list of strings | null — only reach entities of these categories …
// $ends: map from id to true — … except these, reached whatever they are (empty for a neighbourhood)
// $activeAt: string | null — only relationships valid at this ISO-8601 instant
// $limit: integer — the most ids returned
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
WITH DISTINCT m.id AS id
ORDER BY id ASC
LIMIT $limit
RETURN id AS id
