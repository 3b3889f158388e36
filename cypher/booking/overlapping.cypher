// The active bookings of a resource that overlap the half-open interval [start, end).
// $resourceId: string
// $start: string, $end: string — ISO-8601 instants
MATCH (b:Booking)-[:RESERVES]->(:Entity {id: $resourceId})
WHERE b.status = 'ACTIVE' AND b.start < datetime($end) AND b.end > datetime($start)
RETURN properties(b) AS booking
ORDER BY b.start ASC, b.id ASC
