// The highest position among events that occurred before an instant: pruning removes
// everything up to it. A null `through` when there is none.
// $before: string — ISO-8601 instant
MATCH (e:DomainEvent)
WHERE e.occurredAt < datetime($before)
RETURN max(e.seq) AS through
