// Records that the default metamodel was seeded, so it is never seeded again (a user's
// deletions are not undone on restart).
// $version: integer — the version of the default metamodel
// $actor: string — who seeded it
// $now: string — ISO-8601 instant
CREATE (s:MetamodelSeed {version: $version, seededAt: datetime($now), seededBy: $actor})
RETURN s.version AS version
