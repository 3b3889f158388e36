// The id and kind of the entities with the given ids (relationship ends of an import of
// the xrm export format); ids without an entity yield no row.
// $ids: list of strings
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n.id AS id, n.kind AS kind
