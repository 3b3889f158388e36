// One page of entities matching a filter, in a stable order, with the total count.
// A null filter parameter means "no condition".
// $ids: list of strings | null — also how "related to" conditions arrive (see related-to.cypher)
// $kinds: list of strings | null
// $categories: list of strings | null
// $nameContains: string | null — lower-case
// $nameStartsWith: string | null — lower-case
// $propertyConditions: list of {name, op, value} — op EQ|NE|LT|LTE|GT|GTE|IN|CONTAINS; all must hold
// $sortField: string — NAME|CREATED_AT|UPDATED_AT|KIND|PROPERTY
// $sortProperty: string | null — the custom property when $sortField is PROPERTY
// $descending: boolean
// $skip: integer, $limit: integer — the window
MATCH (n:Entity)
WHERE ($ids IS NULL OR n.id IN $ids)
  AND ($kinds IS NULL OR n.kind IN $kinds)
  AND ($categories IS NULL OR n.category IN $categories)
  AND ($nameContains IS NULL OR toLower(n.name) CONTAINS $nameContains)
  AND ($nameStartsWith IS NULL OR toLower(n.name) STARTS WITH $nameStartsWith)
  AND all(c IN $propertyConditions WHERE
    CASE c.op
      WHEN 'EQ' THEN n[c.name] = c.value
      WHEN 'NE' THEN n[c.name] IS NULL OR n[c.name] <> c.value
      WHEN 'LT' THEN n[c.name] < c.value
      WHEN 'LTE' THEN n[c.name] <= c.value
      WHEN 'GT' THEN n[c.name] > c.value
      WHEN 'GTE' THEN n[c.name] >= c.value
      WHEN 'IN' THEN n[c.name] IN c.value
      WHEN 'CONTAINS' THEN c.value IN n[c.name] OR toLower(toString(n[c.name])) CONTAINS toLower(toString(c.value))
      ELSE false
    END)
WITH n,
  CASE $sortField
    WHEN 'NAME' THEN toLower(n.name)
    WHEN 'CREATED_AT' THEN n.createdAt
    WHEN 'UPDATED_AT' THEN n.updatedAt
    WHEN 'KIND' THEN n.kind
    WHEN 'PROPERTY' THEN n[$sortProperty]
  END AS sortKey
ORDER BY CASE WHEN $descending THEN sortKey END DESC, CASE WHEN $descending THEN null ELSE sortKey END ASC, n.id ASC
WITH collect(n) AS matches
RETURN size(matches) AS totalCount, [m IN matches[$skip..($skip + $limit)] | properties(m)] AS entities
