// Creates a user-defined channel (the service checks first that the name is free).
// $name: string, $description: string | null, $propertiesJson: string — the property schema as JSON
// $now: string — ISO-8601 instant
CREATE (c:Channel {name: $name, builtIn: false})
SET c.description = $description, c.propertiesJson = $propertiesJson, c.createdAt = datetime($now)
RETURN c {.name, .description, .builtIn, .propertiesJson, createdAt: c.createdAt} AS channel
