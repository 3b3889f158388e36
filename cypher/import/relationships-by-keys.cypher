// The relationships holding the given import keys, found through their source entity.
// $keys: list of {fromId: string, source: string, externalId: string}
UNWIND $keys AS k
MATCH (a:Entity {id: k.fromId})-[r]->(b:Entity)
WHERE r.source = k.source AND r.externalId = k.externalId
RETURN properties(r) AS relationship, type(r) AS type, a.id AS fromId, b.id AS toId
