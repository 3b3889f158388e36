// The event log's bookkeeping: the last position handed out and the last position pruned
// (every event at or below it may be gone). No row while no event was ever written.
// $name: string — the log's name ('domain-events')
MATCH (log:EventLog {name: $name})
RETURN log.lastSeq AS lastSeq, log.prunedThrough AS prunedThrough
