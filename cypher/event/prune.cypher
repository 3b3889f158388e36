// Deletes one batch of events at or below a position (retention).
// $through: integer — the highest position to delete
// $limit: integer — batch size
MATCH (e:DomainEvent)
WHERE e.seq <= $through
WITH e LIMIT $limit
DETACH DELETE e
RETURN count(*) AS deleted
