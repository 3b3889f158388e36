// Every API key, newest first (ids are ULIDs, so they sort by creation time).
// No parameters.
MATCH (k:ApiKey)
RETURN properties(k) AS apiKey
ORDER BY k.id DESC
