// Revokes an API key; revoking twice keeps the first revocation time.
// $id: string — the key id
// $now: string — ISO-8601 instant, stored as revokedAt unless already set
MATCH (k:ApiKey {id: $id})
SET k.revokedAt = coalesce(k.revokedAt, datetime($now))
RETURN properties(k) AS apiKey
