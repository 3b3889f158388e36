// Takes the write lock on a booking (by writing updatedAt) and returns its current state.
// $id: string
// $now: string — ISO-8601 instant
MATCH (b:Booking {id: $id})
SET b.updatedAt = datetime($now)
RETURN properties(b) AS booking
