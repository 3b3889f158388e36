// One API key by id (with its hash: for verification only, never returned to clients).
// $id: string — the key id
MATCH (k:ApiKey {id: $id})
RETURN properties(k) AS apiKey
