// Records when an API key was last used (called at most once a minute per key and process).
// $id: string — the key id
// $now: string — ISO-8601 instant, stored as lastUsedAt
MATCH (k:ApiKey {id: $id})
SET k.lastUsedAt = datetime($now)
RETURN k.id AS id
