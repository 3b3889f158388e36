// The entities with the given ids; ids that do not exist yield no row.
// $ids: list of strings
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN properties(n) AS entity
