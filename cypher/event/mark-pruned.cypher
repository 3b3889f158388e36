// Records that events up to a position are (about to be) pruned, before they are
// deleted, so a `since` cursor at or below it is refused as too old, never half-replayed.
// $name: string — the log's name ('domain-events')
// $through: integer — the highest position pruned
MERGE (log:EventLog {name: $name})
ON CREATE SET log.lastSeq = $through, log.prunedThrough = 0
SET log.prunedThrough = CASE WHEN log.prunedThrough > $through THEN log.prunedThrough ELSE $through END
RETURN log.prunedThrough AS prunedThrough
