import { DomainEventType } from '../../events/domain-event';
import type { EventLog, LoggedEvent } from '../../events/event-log';
import { LogFollower, type FollowingView } from '../../events/log-follower';
import type { GraphEngine } from '../../graph/graph-engine.port';
import type { Entity } from './entity.model';

/** Attempts to see the write mark stay put across a read before the cache gives up on it. */
const MARK_CHECKS = 5;

/** Reads entities from the engine; ids that do not exist are simply absent from the result. */
export type EntityReader = (ids: readonly string[]) => Promise<Entity[]>;

/** Counters of the cache since start-up, for /metrics. */
export interface EntityCacheStats {
  /** Ids answered from memory (an entity or a known absence). */
  hits: number;
  /** Ids read from the engine while the cache was in use. */
  misses: number;
  /** Ids looked up without the cache: disabled, no usable write mark (Neo4j, not connected), or the event log failed. */
  bypassed: number;
  /** Ids held now. */
  size: number;
}

/**
 * An exact (never stale) read cache of entities by id, for an engine that only this process
 * writes (one with a write mark: the embedded Grafeo engine).
 *
 * Every lookup first brings the cache up to date with LogFollower: without I/O while the
 * engine's write mark has not moved; otherwise the events committed since are read from the
 * durable log and every id they name is dropped (`apply`), or everything is (`reset`). This
 * relies on one invariant: a committed change to an entity node's stored properties (or its
 * existence) writes, in the same transaction, an event naming that entity
 * (docs/caching.md lists the writes and why each keeps it).
 *
 * A read that raced an invalidation must not put what it saw back afterwards: a generation
 * counter, bumped by every apply and reset, must be unchanged between the lookup's sync and
 * its fill (docs/caching.md has the argument).
 *
 * Values are deep-frozen once, when cached: callers share them and cannot change them.
 * Absent ids are cached too (null); creations name their id in their events, so they drop it.
 * Bounded: least recently used ids leave first. On an engine without a write mark the cache
 * is bypassed entirely and every lookup reads the engine.
 */
export class EntityCache implements FollowingView {
  /** Insertion order is recency order: a hit moves its id to the end. */
  private readonly entries = new Map<string, Entity | null>();
  private readonly follower: LogFollower;
  /** Bumped by every apply and reset: a read may fill the cache only when it did not move. */
  private generation = 0;
  private hits = 0;
  private misses = 0;
  private bypassed = 0;
  /** Whether the engine's write mark keeps the port's promise (moves on committed writes only); see checkMark. */
  private mark: 'unchecked' | 'trusted' | 'untrusted' = 'unchecked';
  private checkingMark: Promise<boolean> | undefined;

  /**
   * @param capacity most ids held (entities and known absences; ENTITY_CACHE_SIZE); 0 disables the cache.
   * @param maxEvents most events applied in one sync before the cache is reset instead.
   * @param shared a follower other views use too (buildServices shares one, so each change is
   *   read from the log once); without it the cache has its own, with `maxEvents`.
   */
  constructor(
    private readonly engine: GraphEngine,
    private readonly log: EventLog,
    private readonly capacity: number,
    maxEvents?: number,
    shared?: LogFollower,
  ) {
    if (shared) shared.follow(this);
    this.follower = shared ?? new LogFollower(engine, log, this, maxEvents);
  }

  /**
   * The entities for the ids, in the same order, null where none exists. Ids not held are
   * read with `read` (once each, duplicates folded). Without a usable cache (capacity 0, an
   * engine without a write mark, a failing event log) everything comes from `read`.
   * @throws whatever `read` throws.
   */
  async getMany(ids: readonly string[], read: EntityReader): Promise<(Entity | null)[]> {
    if (this.capacity === 0 || !(await this.sync())) {
      this.bypassed += ids.length;
      return inOrder(ids, await read(unique(ids)));
    }
    const generation = this.generation;
    // undefined: not held (yet); null: held as missing
    const result: (Entity | null | undefined)[] = new Array<Entity | null | undefined>(ids.length);
    let missing: Set<string> | undefined;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] as string;
      const held = this.entries.get(id);
      if (held === undefined) {
        (missing ??= new Set()).add(id);
        continue;
      }
      // most recently used goes last
      this.entries.delete(id);
      this.entries.set(id, held);
      this.hits += 1;
      result[i] = held;
    }
    if (missing === undefined) return result as (Entity | null)[];
    this.misses += missing.size;
    const loaded = await read([...missing]);
    const byId = new Map(loaded.map((entity) => [entity.id, deepFreeze(entity)]));
    // Unchanged generation: no event was applied since the sync above, so the read (begun
    // after it) saw every change the follower has applied; a commit it missed has a later
    // log position and drops the id at the next sync. A moved one: do not fill.
    if (this.generation === generation) for (const id of missing) this.put(id, byId.get(id) ?? null);
    return ids.map((id, i) => result[i] ?? byId.get(id) ?? null);
  }

  /** Hits, misses, bypasses and size so far. */
  stats(): EntityCacheStats {
    return { hits: this.hits, misses: this.misses, bypassed: this.bypassed, size: this.entries.size };
  }

  /** FollowingView: drops every id the committed events name; resets on a change it cannot tell. */
  apply(events: readonly LoggedEvent[]): void {
    this.generation += 1;
    for (const event of events) {
      if (changesUntold(event)) {
        this.entries.clear();
        continue;
      }
      for (const id of event.subjectIds) this.entries.delete(id);
    }
  }

  /** FollowingView: the changes cannot be told (log pruned, too many events): forget everything. */
  reset(): void {
    this.generation += 1;
    this.entries.clear();
  }

  /** Brings the cache up to date; false when it cannot be used now (no usable write mark, or the log failed). */
  private async sync(): Promise<boolean> {
    try {
      if (this.mark === 'untrusted') return false;
      if (this.mark === 'unchecked' && !(await (this.checkingMark ??= this.checkMark().finally(() => (this.checkingMark = undefined))))) {
        return false;
      }
      return await this.follower.sync();
    } catch {
      // The log could not be read: the engine answers the lookup (and reports its own failure).
      return false;
    }
  }

  /**
   * The port promises a mark that only committed writes move. One that reads move too would
   * never let LogFollower settle (its own log reads would move it again), so before first use
   * the cache checks that a read leaves the mark where it was, a few times since a concurrent
   * write may move it. If every attempt fails, the cache stays off until restart (every lookup
   * reads the engine: slower, never wrong). Without a mark (Neo4j, not connected) it decides later.
   * @returns whether the mark can be followed.
   */
  private async checkMark(): Promise<boolean> {
    for (let attempt = 0; attempt < MARK_CHECKS; attempt++) {
      const before = this.engine.writeMark?.();
      if (before === undefined) return false;
      await this.log.state();
      if (this.engine.writeMark?.() === before) {
        this.mark = 'trusted';
        return true;
      }
    }
    this.mark = 'untrusted';
    return false;
  }

  private put(id: string, entity: Entity | null): void {
    this.entries.delete(id);
    this.entries.set(id, entity);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
  }
}

/**
 * Whether an event may have changed entities it does not name, so the whole cache must go.
 * Every type is decided here (exhaustive switch): a new type of event breaks the build
 * until someone says whether it changes entity nodes.
 */
function changesUntold(event: LoggedEvent): boolean {
  const type = event.type;
  switch (type) {
    case DomainEventType.ENTITY_CREATED:
    case DomainEventType.ENTITY_UPDATED:
    case DomainEventType.ENTITY_DELETED:
      return false; // subjectIds: [the entity]
    case DomainEventType.RELATIONSHIP_CREATED:
    case DomainEventType.RELATIONSHIP_UPDATED:
    case DomainEventType.RELATIONSHIP_ENDED:
    case DomainEventType.RELATIONSHIP_DELETED:
    case DomainEventType.TOUCHPOINT_RECORDED:
    case DomainEventType.TOUCHPOINT_UPDATED:
    case DomainEventType.TOUCHPOINT_DELETED:
    case DomainEventType.BOOKING_MADE:
    case DomainEventType.BOOKING_CANCELLED:
    case DomainEventType.METAMODEL_CHANGED:
    case DomainEventType.API_KEY_CREATED:
    case DomainEventType.API_KEY_REVOKED:
      return false; // entity nodes keep their properties; the ids they name are dropped anyway
    case DomainEventType.IMPORT_BATCH_COMMITTED:
      // At most 1,000 ids are named; past that the batch's changes cannot be told.
      return event.payload.subjectIdsTruncated !== false;
    default: {
      const unknown: never = type;
      void unknown;
      return true; // a type this build does not know (a newer instance wrote it): be safe
    }
  }
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

function inOrder(ids: readonly string[], entities: readonly Entity[]): (Entity | null)[] {
  const byId = new Map(entities.map((entity) => [entity.id, entity]));
  return ids.map((id) => byId.get(id) ?? null);
}

/** Freezes the entity, its properties and any list among them, so a shared value cannot change. */
function deepFreeze(entity: Entity): Entity {
  for (const value of Object.values(entity.properties)) {
    if (typeof value === 'object' && value !== null) Object.freeze(value);
  }
  Object.freeze(entity.properties);
  return Object.freeze(entity);
}
