// Creates touchpoint nodes of an import of the xrm export format, keeping their ids,
// versions and timestamps (their links are added by touchpoint/link-many).
// $rows: list of {props: map, occurredAt, createdAt, updatedAt} — props holds id, version
//   and every other stored field; the three instants are ISO-8601 strings
UNWIND $rows AS row
CREATE (t:Touchpoint)
SET t += row.props,
  t.occurredAt = datetime(row.occurredAt),
  t.createdAt = datetime(row.createdAt),
  t.updatedAt = datetime(row.updatedAt)
RETURN count(t) AS created
