// One page of entities in id order (keyset paging), optionally of some kinds only.
// $after: string — the last id of the previous page ('' for the first page)
// $kinds: list of strings | null — kinds to keep; null keeps every kind
// $limit: integer — page size
MATCH (n:Entity)
WHERE n.id > $after AND ($kinds IS NULL OR n.kind IN $kinds)
RETURN properties(n) AS entity, labels(n) AS labels, n.id AS id
ORDER BY id
LIMIT $limit
