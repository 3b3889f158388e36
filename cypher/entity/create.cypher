// Creates one entity node with its category and kind as labels.
// Identifiers: __CATEGORY__ (Stakeholder|Object|Location), __KIND__ (a registered kind).
// $props: map — id, kind, category, name, version, createdBy, updatedBy and the custom properties
// $now: string — ISO-8601 instant, stored as createdAt and updatedAt
CREATE (n:Entity:__CATEGORY__:__KIND__)
SET n += $props, n.createdAt = datetime($now), n.updatedAt = datetime($now)
RETURN properties(n) AS entity
