// Creates a batch of entities of one kind.
// Identifiers: __CATEGORY__ (Stakeholder|Object|Location), __KIND__ (a registered kind).
// $rows: list of {props: map} — props holds id, kind, category, name, source, externalId
//   and the custom properties (null values left out)
// $actor: string — recorded as createdBy and updatedBy
// $now: string — ISO-8601 instant, converted once and stored as createdAt and updatedAt
WITH datetime($now) AS now
UNWIND $rows AS row
CREATE (n:Entity:__CATEGORY__:__KIND__)
SET n += row.props, n.version = 1, n.createdBy = $actor, n.updatedBy = $actor, n.createdAt = now, n.updatedAt = now
RETURN count(n) AS created
