// Deletes a touchpoint and its links.
// $id: string
MATCH (t:Touchpoint {id: $id})
DETACH DELETE t
RETURN count(*) AS deleted
