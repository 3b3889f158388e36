// Appends committed-change events to the durable event log (the outbox), inside the
// transaction of the change itself.
// $events: list of {id, seq, cursor, type, occurredAt, actor, subjectIds, payloadJson}
//   seq is the log position (integer) reserved by event/next-sequence; cursor its string form
//   occurredAt is an ISO-8601 instant; payloadJson the event payload as a JSON string
//   (Neo4j properties cannot hold maps).
UNWIND $events AS e
CREATE (n:DomainEvent {
  id: e.id,
  seq: e.seq,
  cursor: e.cursor,
  type: e.type,
  actor: e.actor,
  subjectIds: e.subjectIds,
  payloadJson: e.payloadJson
})
SET n.occurredAt = datetime(e.occurredAt)
RETURN count(n) AS appended
