// The projection analytics compute on, for a given set of entities (a neighbourhood):
// each entity with the ids at the end of its outgoing relationships (optionally of some
// types and valid at an instant). Neighbours outside the set (including non-entity nodes)
// are dropped by the caller, so `m` carries no label test.
// $ids: list of strings — the entities
// $types: list of strings | null — only relationships of these types
// $activeAt: string | null — only relationships valid at this ISO-8601 instant
UNWIND $ids AS entityId
MATCH (n:Entity {id: entityId})
CALL (n) {
  MATCH (n)-[r]->(m)
  WHERE ($types IS NULL OR type(r) IN $types)
    AND ($activeAt IS NULL OR (
      (r.validFrom IS NULL OR r.validFrom <= datetime($activeAt))
      AND (r.validTo IS NULL OR r.validTo > datetime($activeAt))))
  RETURN collect(m.id) AS out
}
RETURN n.id AS id, out AS out
