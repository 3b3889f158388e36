// Every channel, by name.
MATCH (c:Channel)
RETURN c {.name, .description, .builtIn, .propertiesJson, createdAt: c.createdAt} AS channel
ORDER BY c.name
