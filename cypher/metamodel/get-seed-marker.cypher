// The version of the default metamodel this database was seeded with (no row: never seeded).
// No parameters.
MATCH (s:MetamodelSeed)
RETURN s.version AS version
ORDER BY version DESC
LIMIT 1
