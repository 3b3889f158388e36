// Creates a user-defined channel (the service checks first that the name is free).
// $name: string, $description: string | null, $propertiesJson: string — the property schema as JSON
// $actor: string — recorded as createdBy and updatedBy; $now: string — ISO-8601 instant
CREATE (c:Channel {name: $name, builtIn: false, deprecated: false, version: 1})
SET c.description = $description, c.propertiesJson = $propertiesJson,
  c.createdBy = $actor, c.updatedBy = $actor, c.createdAt = datetime($now), c.updatedAt = datetime($now)
RETURN c {.name, .description, .builtIn, .propertiesJson, .deprecated, .version, createdAt: c.createdAt, updatedAt: c.updatedAt} AS channel
