// Creates a batch of entities of one kind.
// Identifiers: __CATEGORY__ (Stakeholder|Object|Location), __KIND__ (a registered kind).
// $rows: list of {props: map} — props holds id, kind, category, name, version, source,
//   externalId, createdBy, updatedBy and the custom properties
// $now: string — ISO-8601 instant, stored as createdAt and updatedAt
UNWIND $rows AS row
CREATE (n:Entity:__CATEGORY__:__KIND__)
SET n += row.props, n.createdAt = datetime($now), n.updatedAt = datetime($now)
RETURN count(n) AS created
