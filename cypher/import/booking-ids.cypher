// The bookings that exist among the given ids.
// $ids: list of strings
UNWIND $ids AS id
MATCH (b:Booking {id: id})
RETURN b.id AS id
