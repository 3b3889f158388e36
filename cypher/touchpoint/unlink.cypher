// Removes a touchpoint's links of the given kinds, before they are written anew.
// $id: string
// $links: list of strings — INVOLVES, ABOUT and/or AT
MATCH (t:Touchpoint {id: $id})-[r]->(:Entity)
WHERE type(r) IN $links
DELETE r
RETURN count(r) AS unlinked
