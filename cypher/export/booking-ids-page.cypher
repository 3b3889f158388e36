// One page of booking ids in id order (keyset paging).
// $after: string — the last id of the previous page ('' for the first page)
// $limit: integer — page size
MATCH (b:Booking)
WHERE b.id > $after
RETURN b.id AS id
ORDER BY id
LIMIT $limit
