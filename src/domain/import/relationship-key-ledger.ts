/** Most keys the ledger holds per source (4 bytes of hash each, plus the set's overhead). */
const MAX_KEYS_PER_SOURCE = 2_000_000;

/**
 * Which relationship import keys may exist, for the import sources this process verified
 * to hold no relationship and has imported into since: every relationship of such a
 * source was then created by this process's imports, so a key it never created does not
 * exist, and a relationship batch need not look it up (the lookup is a third of a batch's
 * time on the embedded engine). Keys are kept as 30-bit hashes of (from id, source,
 * external id): a collision makes a key look possibly present, which costs a lookup and
 * never a wrong answer.
 *
 * It is exact only while nothing else writes. The caller reads the engine's write mark
 * inside each import transaction (`check`, under the engine's write lock) and right after
 * the commit (`committed`); a mark that moved by any other commit (an API delete, another
 * importer) forgets every source. An engine without a write mark (Neo4j, which other
 * processes write) never uses it. A write transaction commits only after awaiting the
 * engine, so none can slip between a commit and the reading of the mark that follows it
 * in the same chain of promise continuations.
 */
export class RelationshipKeyLedger {
  private mark: string | undefined;
  private readonly keys = new Map<string, Set<number>>();
  /** Sources seen holding relationships this process did not create: always looked up. */
  private readonly occupied = new Set<string>();

  /**
   * In an import transaction, before its lookups: forgets everything when a commit other
   * than the import's own came after the last one it recorded.
   */
  check(mark: string | undefined): void {
    if (mark === undefined || mark !== this.mark) {
      this.keys.clear();
      this.mark = mark;
    }
  }

  /** Whether `source` needs the verification scan before the ledger can answer for it. */
  needsVerification(source: string): boolean {
    return this.mark !== undefined && !this.keys.has(source) && !this.occupied.has(source);
  }

  /** The result of the verification scan, inside the transaction that ran it. */
  verified(source: string, holdsRelationships: boolean): void {
    if (holdsRelationships) this.occupied.add(source);
    else this.keys.set(source, new Set());
  }

  /** False when the key surely does not exist; true when it may (look it up). */
  mayExist(fromId: string, source: string, externalId: string): boolean {
    const keys = this.keys.get(source);
    return keys === undefined || keys.has(hashKey(fromId, source, externalId));
  }

  /**
   * After a commit of the import: the keys it created (none for an entity batch) and the
   * write mark read right after it. `markBefore` is the mark its transaction saw; when the
   * ledger was forgotten or moved on meanwhile, nothing is recorded.
   */
  committed(markBefore: string | undefined, markAfter: string | undefined, created: readonly CreatedKey[]): void {
    if (markBefore === undefined || markBefore !== this.mark) return;
    for (const { fromId, source, externalId } of created) {
      const keys = this.keys.get(source);
      if (keys === undefined) continue;
      if (keys.size >= MAX_KEYS_PER_SOURCE) {
        this.keys.delete(source);
        this.occupied.add(source);
        continue;
      }
      keys.add(hashKey(fromId, source, externalId));
    }
    this.mark = markAfter;
  }
}

export interface CreatedKey {
  fromId: string;
  source: string;
  externalId: string;
}

/** FNV-1a over the three strings, each followed by a U+0000, cut to 30 bits: a small integer in V8. */
function hashKey(fromId: string, source: string, externalId: string): number {
  let hash = 0x811c9dc5;
  for (const part of [fromId, source, externalId]) {
    for (let i = 0; i < part.length; i += 1) hash = Math.imul(hash ^ part.charCodeAt(i), 0x01000193);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash & 0x3fffffff;
}
