// Grafeo's native traversal only: the engine's internal node ids of the given entities.
// $ids: list of strings — entity ids (unknown ones are left out)
UNWIND $ids AS entityId
MATCH (n:Entity {id: entityId})
RETURN n.id AS id, id(n) AS nid
