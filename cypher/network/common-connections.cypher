// Entities directly related to both $a and $b, with the relationships that link them.
// $a: string, $b: string — the two entities
// $types: list of strings | null — only relationships of these types
// $activeAt: string | null — only relationships valid at this ISO-8601 instant
// $limit: integer — the most entities returned (by name, then id)
MATCH (a:Entity {id: $a})-[ra]-(c:Entity)-[rb]-(b:Entity {id: $b})
WHERE c.id <> $a AND c.id <> $b
  AND ($types IS NULL OR (type(ra) IN $types AND type(rb) IN $types))
  AND ($activeAt IS NULL OR (
    (ra.validFrom IS NULL OR ra.validFrom <= datetime($activeAt))
    AND (ra.validTo IS NULL OR ra.validTo > datetime($activeAt))
    AND (rb.validFrom IS NULL OR rb.validFrom <= datetime($activeAt))
    AND (rb.validTo IS NULL OR rb.validTo > datetime($activeAt))))
WITH c, collect(DISTINCT ra.id) AS viaA, collect(DISTINCT rb.id) AS viaB
ORDER BY c.name ASC, c.id ASC
LIMIT $limit
RETURN properties(c) AS entity, viaA AS viaA, viaB AS viaB
