// Deletes one relationship.
// $id: string, $fromId: string
MATCH (a:Entity {id: $fromId})-[r]->(b:Entity)
WHERE r.id = $id
DELETE r
RETURN count(*) AS deleted
