// Cancels a booking: it stays as history but no longer holds its resource.
// $id: string
// $reason: string | null
// $actor: string, $now: string — ISO-8601 instant
MATCH (b:Booking {id: $id})
SET b.status = 'CANCELLED', b.cancelledAt = datetime($now), b.cancelReason = $reason,
  b.version = b.version + 1, b.updatedAt = datetime($now), b.updatedBy = $actor
RETURN properties(b) AS booking
