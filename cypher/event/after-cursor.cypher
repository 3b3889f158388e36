// One page of stored events after a position, oldest first (replay for `since`).
// $after: integer — the position of the last event the client has
// $until: integer — the last position to return (inclusive)
// $limit: integer — page size
MATCH (e:DomainEvent)
WHERE e.seq > $after AND e.seq <= $until
RETURN e.id AS id, e.seq AS seq, e.cursor AS cursor, e.type AS type, e.actor AS actor,
  e.subjectIds AS subjectIds, e.payloadJson AS payloadJson, e.occurredAt AS occurredAt
ORDER BY e.seq ASC
LIMIT $limit
