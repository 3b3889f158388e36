// Deletes an entity and every relationship it has (the service checks first that the
// caller asked for that, when relationships exist).
// $id: string
MATCH (n:Entity {id: $id})
DETACH DELETE n
RETURN count(*) AS deleted
