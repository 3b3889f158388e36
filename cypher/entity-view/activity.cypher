// The activity part of an entity's 360° view, in one call: the measurable fields of every
// touchpoint linked to the entity (participant, object or location; for experience metrics),
// the $recent most recent of them in full, and its active bookings as resource and as booker
// (latest start first: the totals and the first $perRole of each).
// No row for an unknown entity.
// $id: string — the entity
// $recent: integer — how many recent touchpoints to return in full
// $perRole: integer — how many bookings to return per role
MATCH (e:Entity {id: $id})
CALL (e) {
  OPTIONAL MATCH (t:Touchpoint)-[:INVOLVES|ABOUT|AT]->(e)
  WITH DISTINCT t
  WITH t WHERE t IS NOT NULL
  WITH t ORDER BY t.occurredAt DESC, t.id DESC
  RETURN collect({id: t.id, channel: t.channel, occurredAt: t.occurredAt, sentiment: t.sentiment,
    rating: t.rating, ratingScale: t.ratingScale}) AS metricRows, collect(t.id) AS touchpointIds
}
CALL (touchpointIds) {
  UNWIND touchpointIds[0..$recent] AS recentId
  MATCH (t:Touchpoint {id: recentId})
  OPTIONAL MATCH (t)-[ir:INVOLVES]->(p:Entity)
  WITH t, collect({entityId: p.id, role: ir.role}) AS participants
  OPTIONAL MATCH (t)-[:ABOUT]->(o:Entity)
  WITH t, participants, collect(o.id) AS objectIds
  OPTIONAL MATCH (t)-[:AT]->(l:Entity)
  WITH t, participants, objectIds, collect(l.id) AS locationIds
  RETURN collect({touchpoint: properties(t), participants: participants, objectIds: objectIds,
    locationId: locationIds[0]}) AS recentTouchpoints
}
CALL (e) {
  OPTIONAL MATCH (b:Booking)-[:RESERVES|BOOKED_FOR]->(e)
  WITH DISTINCT b
  WITH b WHERE b IS NOT NULL AND b.status = 'ACTIVE'
  WITH b ORDER BY b.start DESC, b.id DESC
  WITH collect(CASE WHEN b.resourceId = $id THEN properties(b) END) AS asResource,
    collect(CASE WHEN b.bookerId = $id THEN properties(b) END) AS asBooker
  RETURN size(asResource) AS resourceCount, asResource[0..$perRole] AS resourceBookings,
    size(asBooker) AS bookerCount, asBooker[0..$perRole] AS bookerBookings
}
RETURN metricRows, recentTouchpoints, resourceCount, resourceBookings, bookerCount, bookerBookings
