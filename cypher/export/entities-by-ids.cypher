// The entities with the given ids, with their labels.
// $ids: list of strings
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN properties(n) AS entity, labels(n) AS labels, n.id AS id
ORDER BY id
