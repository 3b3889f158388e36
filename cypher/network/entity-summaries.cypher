// What a visualisation labels each entity with (id, kind, category, name), without its
// property map: the labels of a neighbourhood's nodes. Ids that do not exist yield no row.
// $ids: list of strings
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n.id AS id, n.kind AS kind, n.category AS category, n.name AS name
