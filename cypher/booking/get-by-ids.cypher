// The bookings with the given ids; ids that do not exist yield no row.
// $ids: list of strings
UNWIND $ids AS id
MATCH (b:Booking {id: id})
RETURN properties(b) AS booking
