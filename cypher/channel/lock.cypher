// Takes the write lock on a channel (by writing lockedAt) and returns its current state
// (no row when it does not exist), so a change that checks the version and writes later
// cannot be raced on Neo4j.
// $name: string — the channel's name
// $now: string — ISO-8601 instant (lockedAt)
MATCH (c:Channel {name: $name})
SET c.lockedAt = datetime($now)
RETURN c {.name, .description, .builtIn, .propertiesJson, .deprecated, .version, createdAt: c.createdAt, updatedAt: c.updatedAt} AS channel
