// The record an earlier write stored under an idempotency key, if any.
// $scopedKey: string — "<operation>:<client key>", e.g. "entity.create:abc"
MATCH (k:IdempotencyKey {scopedKey: $scopedKey})
RETURN k.resultId AS resultId, k.fingerprint AS fingerprint
