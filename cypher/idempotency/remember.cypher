// Stores which record a write created under an idempotency key; in the write's transaction.
// $scopedKey, $operation, $resultId, $fingerprint: strings; $now: ISO instant
CREATE (k:IdempotencyKey {scopedKey: $scopedKey, operation: $operation, resultId: $resultId, fingerprint: $fingerprint, createdAt: $now})
RETURN k.scopedKey AS scopedKey
