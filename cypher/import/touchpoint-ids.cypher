// The touchpoints that exist among the given ids, and those holding the given idempotency keys.
// $ids: list of strings
// $keys: list of strings — idempotency keys
UNWIND $ids AS id
MATCH (t:Touchpoint {id: id})
RETURN t.id AS id, t.idempotencyKey AS idempotencyKey
UNION
UNWIND $keys AS key
MATCH (t:Touchpoint {idempotencyKey: key})
RETURN t.id AS id, t.idempotencyKey AS idempotencyKey
