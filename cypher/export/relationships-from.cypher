// The outgoing relationships of the given entities to other entities, optionally of some types only.
// $ids: list of strings — source entity ids
// $types: list of strings | null — relationship types to keep; null keeps every type
UNWIND $ids AS id
MATCH (a:Entity {id: id})-[r]->(b:Entity)
WHERE $types IS NULL OR type(r) IN $types
RETURN properties(r) AS relationship, type(r) AS type, a.id AS fromId, b.id AS toId
