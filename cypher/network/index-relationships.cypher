// The relationships from a chunk of entities to entities, with what traversals filter on:
// the reads of a topology index build after index-entities, a chunk at a time.
// $ids: list of strings — ids of the source entities
UNWIND $ids AS sourceId
MATCH (a:Entity {id: sourceId})-[r]->(b:Entity)
RETURN r.id AS id, type(r) AS type, sourceId AS fromId, b.id AS toId,
  r.validFrom AS validFrom, r.validTo AS validTo, r.strength AS strength
