// How many records (entities) of a kind exist: a kind in use cannot be deleted or changed incompatibly.
// $name: string — the kind's name
MATCH (n:Entity {kind: $name})
RETURN count(n) AS records
