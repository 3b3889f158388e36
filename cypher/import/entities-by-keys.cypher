// The entities holding the given import keys (source + externalId); keys without one yield no row.
// $keys: list of {source: string, externalId: string}
UNWIND $keys AS k
MATCH (n:Entity {externalId: k.externalId})
WHERE n.source = k.source
RETURN properties(n) AS entity
