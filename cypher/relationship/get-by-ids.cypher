// The relationships with the given ids, found through their source entity.
// $keys: list of {id, fromId} — fromId is the source entity id carried in the relationship id
UNWIND $keys AS key
MATCH (a:Entity {id: key.fromId})-[r]->(b:Entity)
WHERE r.id = key.id
RETURN properties(r) AS relationship, type(r) AS type, a.id AS fromId, b.id AS toId
