// Reserves the next $count positions of the event log, inside the transaction of the
// change that emits the events. The counter lives on one node: on Neo4j the SET takes
// that node's write lock and holds it until commit, so positions are handed out in commit
// order (see docs/events.md); a rolled-back change returns its positions with it.
// $name: string — the log's name ('domain-events')
// $count: integer — how many events the transaction appends (≥ 1)
MERGE (log:EventLog {name: $name})
ON CREATE SET log.lastSeq = 0, log.prunedThrough = 0
SET log.lastSeq = log.lastSeq + $count
RETURN log.lastSeq AS last
