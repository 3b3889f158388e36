// import/create-relationships for rows that carry custom properties: the same parameters
// and record, plus $properties, a list of maps (element i: relationship i's custom
// properties, null values left out). A separate statement because SET costs every row,
// even with an empty map, and most relationships have no custom property.
// Identifiers: __TYPE__ (a registered relationship type).
WITH datetime($now) AS now
UNWIND range(0, size($ids) - 1) AS i
MATCH (a:Entity {id: $fromIds[i]})
MATCH (b:Entity {id: $toIds[i]})
CREATE (a)-[r:__TYPE__ {
  id: $ids[i],
  source: $sources[i],
  externalId: $externalIds[i],
  role: $roles[i],
  strength: $strengths[i],
  validFrom: datetime($validFroms[i]),
  validTo: datetime($validTos[i]),
  version: 1,
  createdBy: $actor,
  updatedBy: $actor,
  createdAt: now,
  updatedAt: now
}]->(b)
SET r += $properties[i]
RETURN count(r) AS created
