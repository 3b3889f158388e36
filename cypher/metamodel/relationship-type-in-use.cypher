// Whether any relationship of a type exists (0 or 1: it stops at the first one found).
// $name: string — the relationship type's name
MATCH ()-[r]->()
WHERE type(r) = $name
WITH r
LIMIT 1
RETURN count(r) AS relationships
