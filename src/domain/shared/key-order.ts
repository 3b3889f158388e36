/**
 * Arranges fetched records in the order of the requested keys, with null for a key that
 * found nothing: the contract a DataLoader batch function must keep.
 */
export function inKeyOrder<T>(keys: readonly string[], found: readonly T[], keyOf: (item: T) => string): (T | null)[] {
  const byKey = new Map(found.map((item) => [keyOf(item), item]));
  return keys.map((key) => byKey.get(key) ?? null);
}
