// The entities with the given ids (an import of the xrm export format keys by id).
// $ids: list of strings
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN properties(n) AS entity
