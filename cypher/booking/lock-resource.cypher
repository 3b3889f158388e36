// Takes the write lock on a resource before its bookings are counted, without changing
// it (a property set and removed in one statement): on Neo4j, which reads at
// read-committed, two concurrent bookings of one resource then run one after the other.
// Returns the resource as it is now (its capacity is read after the lock).
// $id: string
MATCH (r:Entity {id: $id})
SET r.bookingLock = true
REMOVE r.bookingLock
RETURN properties(r) AS resource
