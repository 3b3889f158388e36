// Stores a new API key. The secret itself is never stored: only its SHA-256 hash.
// $props: map — id, name, role, hash, createdBy
// $now: string — ISO-8601 instant, stored as createdAt
CREATE (k:ApiKey)
SET k += $props, k.createdAt = datetime($now)
RETURN properties(k) AS apiKey
