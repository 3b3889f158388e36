// Creates a batch of relationships of one type between existing entities: relationship i
// from the parallel lists' element i. Lists of scalars, not a list of maps, and properties
// written inline in CREATE, not with SET: on Grafeo this takes the statement from ~60 to
// ~22 µs per relationship (docs/import-export.md, "Import throughput").
// Identifiers: __TYPE__ (a registered relationship type).
// $ids, $fromIds, $toIds: lists of strings (the same length)
// $sources, $externalIds, $roles: lists of strings or nulls (the import key; null values
//   are not stored, as with any null property)
// $strengths: list of numbers or nulls
// $validFroms, $validTos: lists of ISO-8601 instants or nulls (datetime(null) is null)
// $actor: string — recorded as createdBy and updatedBy
// $now: string — ISO-8601 instant, converted once and stored as createdAt and updatedAt
// Custom properties: import/create-relationships-with-properties.
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
RETURN count(r) AS created
