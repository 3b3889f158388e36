// Takes the write lock on an entity (by writing updatedAt) and returns its current state.
// Reading after the lock means a concurrent writer's version is seen, so the optimistic
// version check that follows cannot be raced on Neo4j. `degree` counts relationships to
// other entities only (not touchpoint or booking links).
// $id: string
// $now: string — ISO-8601 instant
MATCH (n:Entity {id: $id})
SET n.updatedAt = datetime($now)
RETURN properties(n) AS entity, COUNT { (n)--(:Entity) } AS degree
