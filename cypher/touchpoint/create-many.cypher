// Creates touchpoint nodes (their links are added by touchpoint/link-many).
// $rows: list of {props, occurredAt} — props: id, channel, direction, durationMinutes, subject,
//   summary, sentiment, rating, ratingScale, outcome, stage, idempotencyKey, version, createdBy,
//   updatedBy and the custom properties; occurredAt an ISO-8601 instant
// $now: string — ISO-8601 instant, stored as createdAt and updatedAt
UNWIND $rows AS row
CREATE (t:Touchpoint)
SET t += row.props, t.occurredAt = datetime(row.occurredAt), t.createdAt = datetime($now), t.updatedAt = datetime($now)
RETURN count(t) AS created
