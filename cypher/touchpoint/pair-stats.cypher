// For pairs of entities, the touchpoints in which both took part: how many, the latest,
// and their average sentiment. Pairs without a shared touchpoint yield no row.
// $pairs: list of {a, b} — entity ids
// $at: string | null — only touchpoints up to this ISO-8601 instant
UNWIND $pairs AS pair
MATCH (:Entity {id: pair.a})<-[:INVOLVES]-(t:Touchpoint)-[:INVOLVES]->(:Entity {id: pair.b})
WHERE $at IS NULL OR t.occurredAt <= datetime($at)
RETURN pair.a AS a, pair.b AS b, count(t) AS touchpoints, max(t.occurredAt) AS lastAt, avg(t.sentiment) AS averageSentiment
