// Creates the built-in channels that do not exist yet; existing channels are left as they are.
// $channels: list of {name, description}
// $now: string — ISO-8601 instant
UNWIND $channels AS ch
MERGE (c:Channel {name: ch.name})
ON CREATE SET c.description = ch.description, c.builtIn = true, c.propertiesJson = '[]', c.createdAt = datetime($now)
RETURN count(c) AS channels
