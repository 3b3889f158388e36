// Links touchpoints to entities: INVOLVES {role} for participants, ABOUT for objects, AT for
// the location. A link whose touchpoint or entity does not exist is skipped; the caller
// compares `linked` with the number it sent.
// $links: list of {touchpointId, entityId, link: INVOLVES|ABOUT|AT, role: string | null}
UNWIND $links AS l
MATCH (t:Touchpoint {id: l.touchpointId})
MATCH (e:Entity {id: l.entityId})
FOREACH (_ IN CASE WHEN l.link = 'INVOLVES' THEN [1] ELSE [] END | CREATE (t)-[:INVOLVES {role: l.role}]->(e))
FOREACH (_ IN CASE WHEN l.link = 'ABOUT' THEN [1] ELSE [] END | CREATE (t)-[:ABOUT]->(e))
FOREACH (_ IN CASE WHEN l.link = 'AT' THEN [1] ELSE [] END | CREATE (t)-[:AT]->(e))
RETURN count(*) AS linked
