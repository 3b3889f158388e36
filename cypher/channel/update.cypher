// Writes a channel's new description, property schema and deprecation flag and bumps its
// version (channels seeded before versions existed count as version 1).
// $name: string; $description: string | null; $propertiesJson: string — the property schema as JSON
// $deprecated: boolean; $actor: string — recorded as updatedBy; $now: string — ISO-8601 instant
MATCH (c:Channel {name: $name})
SET c.description = $description,
  c.propertiesJson = $propertiesJson,
  c.deprecated = $deprecated,
  c.version = coalesce(c.version, 1) + 1,
  c.updatedBy = $actor,
  c.updatedAt = datetime($now)
RETURN c {.name, .description, .builtIn, .propertiesJson, .deprecated, .version, createdAt: c.createdAt, updatedAt: c.updatedAt} AS channel
