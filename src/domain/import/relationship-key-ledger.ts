/** Most keys the ledger holds per source (≈ 40 bytes each: a set of non-small numbers). */
const MAX_KEYS_PER_SOURCE = 2_000_000;

/**
 * Which relationship import keys may exist, for the import sources this process verified
 * to hold no relationship and has imported into since: every relationship of such a
 * source was then created by this process's imports, so a key it never created does not
 * exist, and a relationship batch need not look it up (the lookup is a third of a batch's
 * time on the embedded engine). Keys are kept as 52-bit hashes of (from id, source,
 * external id): a collision makes a key look possibly present, which costs a lookup and
 * never a wrong answer (with 30 bits, demo large had ~150: a lookup in 75 of 115 batches).
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
  /** Sources a verification scan found holding relationships: their keys are always looked up. */
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

/**
 * Two independent 32-bit hashes over the three strings (each followed by a U+0000), FNV-1a
 * and a multiply-xorshift mix, joined into a 52-bit integer: exact as a JavaScript number.
 */
function hashKey(fromId: string, source: string, externalId: string): number {
  const state = { fnv: 0x811c9dc5, mix: 0x2f0bd3a1 };
  hashInto(state, fromId);
  hashInto(state, source);
  hashInto(state, externalId);
  return (state.fnv >>> 12) * 0x1_0000_0000 + (state.mix >>> 0);
}

function hashInto(state: { fnv: number; mix: number }, text: string): void {
  let { fnv, mix } = state;
  for (let i = 0; i <= text.length; i += 1) {
    const code = i < text.length ? text.charCodeAt(i) : 0;
    fnv = Math.imul(fnv ^ code, 0x01000193);
    mix = Math.imul(mix ^ code, 0x5bd1e995);
    mix ^= mix >>> 13;
  }
  state.fnv = fnv;
  state.mix = mix;
}
