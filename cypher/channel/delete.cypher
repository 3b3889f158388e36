// Deletes a channel (the service checks first that no touchpoint uses it).
// $name: string — the channel's name
MATCH (c:Channel {name: $name})
DELETE c
RETURN count(*) AS deleted
