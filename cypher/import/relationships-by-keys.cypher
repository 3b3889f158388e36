// The relationships holding the given import keys, found through their source entity:
// key i is ($fromIds[i], $sources[i], $externalIds[i]). Parallel lists of strings, not a
// list of maps: far cheaper to pass to Grafeo.
UNWIND range(0, size($fromIds) - 1) AS i
MATCH (a:Entity {id: $fromIds[i]})-[r]->(b:Entity)
WHERE r.source = $sources[i] AND r.externalId = $externalIds[i]
RETURN properties(r) AS relationship, type(r) AS type, a.id AS fromId, b.id AS toId
