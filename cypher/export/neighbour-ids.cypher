// The ids of the entities next to the given ones (either direction), optionally over some types only.
// $ids: list of strings
// $types: list of strings | null
UNWIND $ids AS id
MATCH (a:Entity {id: id})-[r]-(b:Entity)
WHERE $types IS NULL OR type(r) IN $types
RETURN DISTINCT b.id AS id
