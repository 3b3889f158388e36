// The projection analytics compute on: entities (optionally of some kinds/categories),
// capped, each with the ids at the end of its outgoing relationships (optionally of some
// types and valid at an instant). Neighbours outside the projection (including non-entity
// nodes such as touchpoints) are dropped by the caller, so `m` carries no label test.
// $kinds: list of strings | null, $categories: list of strings | null — only such entities
// $types: list of strings | null — only relationships of these types
// $activeAt: string | null — only relationships valid at this ISO-8601 instant
// $limit: integer — the most entities returned (the caller asks for one more than it accepts)
MATCH (n:Entity)
WHERE ($kinds IS NULL OR n.kind IN $kinds)
  AND ($categories IS NULL OR n.category IN $categories)
WITH n
LIMIT $limit
CALL (n) {
  MATCH (n)-[r]->(m)
  WHERE ($types IS NULL OR type(r) IN $types)
    AND ($activeAt IS NULL OR (
      (r.validFrom IS NULL OR r.validFrom <= datetime($activeAt))
      AND (r.validTo IS NULL OR r.validTo > datetime($activeAt))))
  RETURN collect(m.id) AS out
}
RETURN n.id AS id, out AS out
