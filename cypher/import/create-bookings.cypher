// Creates bookings of an import of the xrm export format between existing entities,
// keeping their ids, versions and timestamps.
// $rows: list of {props: map, resourceId, bookerId, start, end, cancelledAt, createdAt, updatedAt}
//   props holds id, resourceId, bookerId, version and every other stored field; the
//   instants are ISO-8601 strings (cancelledAt may be null)
UNWIND $rows AS row
MATCH (r:Entity {id: row.resourceId})
MATCH (k:Entity {id: row.bookerId})
CREATE (b:Booking)
SET b += row.props,
  b.start = datetime(row.start),
  b.end = datetime(row.end),
  b.cancelledAt = datetime(row.cancelledAt),
  b.createdAt = datetime(row.createdAt),
  b.updatedAt = datetime(row.updatedAt)
CREATE (b)-[:RESERVES]->(r)
CREATE (b)-[:BOOKED_FOR]->(k)
RETURN count(b) AS created
