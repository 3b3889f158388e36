// Every entity with what traversals filter on and what a visualisation labels it with: the
// first read of a topology index build (src/domain/network/indexed-traversal.ts).
MATCH (n:Entity)
RETURN n.id AS id, n.kind AS kind, n.category AS category, n.name AS name
