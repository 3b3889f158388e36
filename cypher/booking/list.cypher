// One page of the bookings of a resource or of a booker, by start (then id), with the total.
// $resourceId: string | null, $bookerId: string | null — exactly one is set
// $from: string | null — only bookings ending after this ISO-8601 instant
// $to: string | null — only bookings starting before this ISO-8601 instant
// $includeCancelled: boolean
// $skip: integer, $limit: integer — the window
MATCH (:Entity {id: coalesce($resourceId, $bookerId)})<-[:RESERVES|BOOKED_FOR]-(b:Booking)
WHERE ($resourceId IS NULL OR b.resourceId = $resourceId)
  AND ($bookerId IS NULL OR b.bookerId = $bookerId)
  AND ($includeCancelled OR b.status = 'ACTIVE')
  AND ($from IS NULL OR b.end > datetime($from))
  AND ($to IS NULL OR b.start < datetime($to))
WITH DISTINCT b
ORDER BY b.start ASC, b.id ASC
WITH collect(properties(b)) AS bookings
RETURN size(bookings) AS totalCount, bookings[$skip..($skip + $limit)] AS bookings
