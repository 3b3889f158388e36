/**
 * An in-memory snapshot of the whole metamodel, so that checking a write against it costs
 * no query. It is reloaded when older than a time-to-live (other API instances may have
 * changed the metamodel) and after every change made through this process.
 */
import type { EntityKind, RelationshipType } from './metamodel.types';

/** Every kind and relationship type at one moment; the objects are frozen. */
export interface MetamodelSnapshot {
  /** Sorted by name. */
  readonly kinds: readonly EntityKind[];
  /** Sorted by name. */
  readonly relationshipTypes: readonly RelationshipType[];
  readonly kindsByName: ReadonlyMap<string, EntityKind>;
  readonly relationshipTypesByName: ReadonlyMap<string, RelationshipType>;
}

/** Reads every kind and relationship type from the store. */
export type SnapshotLoader = () => Promise<{ kinds: EntityKind[]; relationshipTypes: RelationshipType[] }>;

/**
 * Holds one snapshot. Concurrent callers share one load. `invalidate()` makes the next
 * `get()` load afresh; a load that was already under way when `invalidate()` ran serves
 * the callers waiting for it but is not kept.
 */
export class MetamodelCache {
  private snapshot: { value: MetamodelSnapshot; loadedAt: number; generation: number } | undefined;
  private pending: { promise: Promise<MetamodelSnapshot>; generation: number } | undefined;
  private generation = 0;

  /**
   * @param load reads the store.
   * @param ttlMs how long a snapshot is served before it is reloaded; 0 reloads every time.
   * @param clock milliseconds now (injectable for tests).
   */
  constructor(
    private readonly load: SnapshotLoader,
    private readonly ttlMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The current snapshot, loading it first when there is none or it has expired. Rejects when the load fails. */
  get(): Promise<MetamodelSnapshot> {
    const held = this.snapshot;
    if (held && held.generation === this.generation && this.clock() - held.loadedAt < this.ttlMs) {
      return Promise.resolve(held.value);
    }
    if (this.pending && this.pending.generation === this.generation) return this.pending.promise;
    const generation = this.generation;
    const startedAt = this.clock();
    const promise = this.load()
      .then(({ kinds, relationshipTypes }) => {
        const value = buildSnapshot(kinds, relationshipTypes);
        if (generation === this.generation) this.snapshot = { value, loadedAt: startedAt, generation };
        return value;
      })
      .finally(() => {
        if (this.pending?.promise === promise) this.pending = undefined;
      });
    this.pending = { promise, generation };
    return promise;
  }

  /** Forgets the snapshot: the next `get()` reloads. */
  invalidate(): void {
    this.generation += 1;
    this.snapshot = undefined;
  }
}

function buildSnapshot(kinds: EntityKind[], relationshipTypes: RelationshipType[]): MetamodelSnapshot {
  const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const frozenKinds = kinds.map(freezeKind).sort(byName);
  const frozenTypes = relationshipTypes.map(freezeRelationshipType).sort(byName);
  return Object.freeze({
    kinds: Object.freeze(frozenKinds),
    relationshipTypes: Object.freeze(frozenTypes),
    kindsByName: new Map(frozenKinds.map((k) => [k.name, k])),
    relationshipTypesByName: new Map(frozenTypes.map((t) => [t.name, t])),
  });
}

// Snapshots are shared by every request: freezing turns an accidental mutation by a
// caller into an immediate TypeError instead of a silent change of the metamodel.
function freezeKind(kind: EntityKind): EntityKind {
  kind.properties.forEach((p) => Object.freeze(p));
  Object.freeze(kind.properties);
  return Object.freeze(kind);
}

function freezeRelationshipType(type: RelationshipType): RelationshipType {
  type.properties.forEach((p) => Object.freeze(p));
  Object.freeze(type.properties);
  for (const rule of [type.source, type.target]) {
    Object.freeze(rule.kinds);
    Object.freeze(rule.categories);
    Object.freeze(rule);
  }
  return Object.freeze(type);
}
