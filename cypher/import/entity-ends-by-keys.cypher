// The id and kind of the entities holding the given import keys (relationship ends);
// keys without an entity yield no row. Scalars only: no property map is copied.
// $keys: list of {source: string, externalId: string}
UNWIND $keys AS k
MATCH (n:Entity {externalId: k.externalId})
WHERE n.source = k.source
RETURN n.id AS id, n.kind AS kind, n.source AS source, n.externalId AS externalId
