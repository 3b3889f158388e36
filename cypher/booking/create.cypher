// Creates a booking of a resource for a booker.
// $resourceId: string, $bookerId: string
// $props: map — id, resourceId, bookerId, purpose, status, version, createdBy, updatedBy
// $start: string, $end: string — ISO-8601 instants
// $now: string — ISO-8601 instant
MATCH (r:Entity {id: $resourceId})
MATCH (k:Entity {id: $bookerId})
CREATE (b:Booking)
SET b += $props, b.start = datetime($start), b.end = datetime($end), b.createdAt = datetime($now), b.updatedAt = datetime($now)
CREATE (b)-[:RESERVES]->(r)
CREATE (b)-[:BOOKED_FOR]->(k)
RETURN properties(b) AS booking
