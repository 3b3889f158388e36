// Resources of a kind with no active booking overlapping [start, end), optionally inside a
// location (LOCATED_IN / PART_OF, up to 4 levels) and with at least a capacity (a resource
// without a `capacity` property counts as 1), by name.
// $kind: string
// $start: string, $end: string — ISO-8601 instants
// $locationId: string | null
// $minCapacity: integer
// $limit: integer
MATCH (n:Entity)
WHERE n.kind = $kind AND coalesce(n.capacity, 1) >= $minCapacity
  AND ($locationId IS NULL OR EXISTS {
    MATCH (n)-[:LOCATED_IN|PART_OF*1..4]->(l:Entity)
    WHERE l.id = $locationId })
  AND NOT EXISTS {
    MATCH (b:Booking)-[:RESERVES]->(n)
    WHERE b.status = 'ACTIVE' AND b.start < datetime($end) AND b.end > datetime($start) }
RETURN properties(n) AS entity
ORDER BY n.name ASC, n.id ASC
LIMIT $limit
