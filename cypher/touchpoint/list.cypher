// One page of touchpoints matching a filter, by occurredAt (then id), with the total count.
// A null filter parameter means "no condition".
// $anchorIds: list of strings | null — where to start: touchpoints linked to these entities
//   (the service derives it from the most selective condition below); null scans all touchpoints
// $channels, $directions, $stages: list of strings | null
// $from, $to: string | null — ISO-8601 instants; from inclusive, to exclusive
// $minSentiment, $maxSentiment: float | null
// $participantIds: list of strings | null — involving any of them
// $locationId, $objectId: string | null — at this location, about this object
// $entityId: string | null — linked to this entity in any way (participant, object, location)
// $includeMembers: boolean — with $entityId: also touchpoints of entities that WORK_AT or are
//   MEMBER_OF it, while they were
// $descending: boolean — newest first
// $skip: integer, $limit: integer — the window
CALL () {
  UNWIND coalesce($anchorIds, []) AS anchorId
  MATCH (:Entity {id: anchorId})<-[:INVOLVES|ABOUT|AT]-(t:Touchpoint)
  RETURN t
  UNION
  MATCH (:Entity {id: coalesce($entityId, "")})<-[:WORKS_AT|MEMBER_OF]-(:Entity)<-[:INVOLVES]-(t:Touchpoint)
  WHERE $includeMembers
  RETURN t
  UNION
  MATCH (t:Touchpoint)
  WHERE $anchorIds IS NULL
  RETURN t
}
WITH t
WHERE ($channels IS NULL OR t.channel IN $channels)
  AND ($directions IS NULL OR t.direction IN $directions)
  AND ($stages IS NULL OR t.stage IN $stages)
  AND ($from IS NULL OR t.occurredAt >= datetime($from))
  AND ($to IS NULL OR t.occurredAt < datetime($to))
  AND ($minSentiment IS NULL OR t.sentiment >= $minSentiment)
  AND ($maxSentiment IS NULL OR t.sentiment <= $maxSentiment)
  AND ($participantIds IS NULL OR EXISTS { MATCH (t)-[:INVOLVES]->(p:Entity) WHERE p.id IN $participantIds })
  AND ($locationId IS NULL OR EXISTS { MATCH (t)-[:AT]->(l:Entity) WHERE l.id = $locationId })
  AND ($objectId IS NULL OR EXISTS { MATCH (t)-[:ABOUT]->(o:Entity) WHERE o.id = $objectId })
  AND ($entityId IS NULL
    OR EXISTS { MATCH (t)-[:INVOLVES|ABOUT|AT]->(e:Entity) WHERE e.id = $entityId }
    OR ($includeMembers AND EXISTS {
      MATCH (t)-[:INVOLVES]->(:Entity)-[m:WORKS_AT|MEMBER_OF]->(org:Entity)
      WHERE org.id = $entityId
        AND (m.validFrom IS NULL OR m.validFrom <= t.occurredAt)
        AND (m.validTo IS NULL OR t.occurredAt < m.validTo) }))
WITH DISTINCT t
ORDER BY CASE WHEN $descending THEN t.occurredAt END DESC, CASE WHEN $descending THEN null ELSE t.occurredAt END ASC,
  CASE WHEN $descending THEN t.id END DESC, t.id ASC
WITH collect(t.id) AS ids
RETURN size(ids) AS totalCount, ids[$skip..($skip + $limit)] AS ids
