// Creates the event log's bookkeeping node when missing and returns it. `logId` names
// the log (one per database): instances sharing a database share their pub/sub channel
// through it, and never hear instances of another database.
// $name: string — the log's name ('domain-events')
// $logId: string — a fresh id, used only when the log has none yet
MERGE (log:EventLog {name: $name})
ON CREATE SET log.lastSeq = 0, log.prunedThrough = 0
SET log.logId = coalesce(log.logId, $logId)
RETURN log.lastSeq AS lastSeq, log.prunedThrough AS prunedThrough, log.logId AS logId
