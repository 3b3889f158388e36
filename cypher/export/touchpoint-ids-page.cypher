// One page of touchpoint ids in id order (keyset paging).
// $after: string — the last id of the previous page ('' for the first page)
// $limit: integer — page size
MATCH (t:Touchpoint)
WHERE t.id > $after
RETURN t.id AS id
ORDER BY id
LIMIT $limit
