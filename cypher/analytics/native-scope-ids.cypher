// Grafeo's native traversal only: the entities of an analytics scope with the engine's
// internal node ids, capped (the adjacency is then read natively).
// $kinds: list of strings | null, $categories: list of strings | null — only such entities
// $limit: integer — the most entities returned (the caller asks for one more than it accepts)
MATCH (n:Entity)
WHERE ($kinds IS NULL OR n.kind IN $kinds)
  AND ($categories IS NULL OR n.category IN $categories)
WITH n
LIMIT $limit
RETURN n.id AS id, id(n) AS nid
