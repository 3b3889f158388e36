// Every channel, by name.
MATCH (c:Channel)
RETURN c {.name, .description, .builtIn, .propertiesJson, .deprecated, .version, createdAt: c.createdAt, updatedAt: c.updatedAt} AS channel
ORDER BY c.name
