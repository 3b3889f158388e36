// The ids of the touchpoints already recorded under the given idempotency keys.
// $keys: list of strings
UNWIND $keys AS key
MATCH (t:Touchpoint {idempotencyKey: key})
RETURN key AS idempotencyKey, t.id AS id
