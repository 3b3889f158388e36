// Baseline for the benchmark only: the engine's own shortestPath over any relationships.
// $from: string, $to: string — the ends
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = shortestPath((a)-[*..8]-(b))
RETURN length(p) AS length
