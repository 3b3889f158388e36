import { DomainEventType } from '../../events/domain-event';
import type { EventLog, LoggedEvent } from '../../events/event-log';
import { LogFollower, type FollowingView } from '../../events/log-follower';
import type { GraphEngine } from '../../graph/graph-engine.port';
import type { CypherQuery, QueryCatalogue } from '../../graph/query-catalogue';
import type {
  AdjacencyRow,
  AdjacencyScope,
  EntitySummary,
  GraphTraversal,
  TraversalEdge,
  TraversalFilter,
  TraversalStep,
} from '../../graph/traversal.port';
import { TopologyIndex, type EntityFacts, type RelationshipFacts } from './topology-index';

export interface IndexedTraversalOptions {
  /** Build and use the index where the engine allows it (NETWORK_INDEX=auto); false: never (off). */
  enabled: boolean;
  /** A build that finds more relationships gives up, and traversals stay on the engine (NETWORK_INDEX_MAX_RELATIONSHIPS). */
  maxRelationships: number;
  /** Least time between the end of one build and the start of the next, in ms (bulk imports reset the index batch after batch). */
  rebuildIntervalMs: number;
  /** Entities whose relationships one build statement reads (the event loop runs between statements). */
  chunkSize?: number;
  /** A follower other views use too (buildServices shares one, so each change is read from the log once); default: its own. */
  follower?: LogFollower;
  /** Told when a build starts, ends or gives up. */
  log?: (message: string, fields: Record<string, unknown>) => void;
}

type IndexState = 'empty' | 'building' | 'ready' | 'too-large';

/** How the topology index stands, for /metrics. */
export interface TopologyIndexStats {
  /** Whether traversals answer from the index now. */
  ready: boolean;
  entities: number;
  relationships: number;
  /** Builds finished since start-up. */
  builds: number;
  /** Times a built or building index was dropped (bulk imports, lost changes, outages) since start-up. */
  resets: number;
}

/**
 * The traversal of an engine that only this process writes (Grafeo): the relationship
 * network held in memory (TopologyIndex) answers every step, so a neighbourhood or a
 * shortest path costs no statement per level. Where the index cannot be trusted — an engine
 * without a write mark (Neo4j), before the first build has finished, after a reset while
 * the next build waits, a graph past `maxRelationships` — each call goes to `fallback`, the
 * traversal it wraps, with the same answers.
 *
 * Exact, not eventually consistent: before each call `LogFollower.sync()` applies every
 * committed change (it compares the engine's write mark, and reads the event log only when
 * the mark moved). Entity and relationship events carry the record's state after the
 * change, so applying them in log order over a build — even one that read the graph while
 * writes went on — gives the current graph. Bulk import batches (their events name at most
 * 1,000 ids) reset the index; it is rebuilt lazily, at most once per `rebuildIntervalMs`.
 */
export class IndexedTraversal implements GraphTraversal, FollowingView {
  readonly index = new TopologyIndex();
  private readonly follower: LogFollower;
  private readonly q: Record<'entities' | 'relationships', CypherQuery>;
  private state: IndexState = 'empty';
  /** Bumped on every reset, so a build overtaken by one stops. */
  private generation = 0;
  /** Events that arrived while a build was reading: applied, in order, when it has read everything. */
  private pending: LoggedEvent[] = [];
  private building: Promise<void> | null = null;
  private lastBuildEnd = -Infinity;
  private builds = 0;
  private resets = 0;

  constructor(
    private readonly fallback: GraphTraversal,
    private readonly graph: GraphEngine,
    log: EventLog,
    catalogue: QueryCatalogue,
    private readonly options: IndexedTraversalOptions,
  ) {
    if (options.follower) options.follower.follow(this);
    this.follower = options.follower ?? new LogFollower(graph, log, this);
    this.q = { entities: catalogue.get('network/index-entities'), relationships: catalogue.get('network/index-relationships') };
  }

  /** `indexed` while the index answers, else the wrapped traversal's mode. */
  get mode(): GraphTraversal['mode'] {
    return this.state === 'ready' ? 'indexed' : this.fallback.mode;
  }

  async step(frontier: readonly string[], visited: Readonly<Record<string, true>>, filter: TraversalFilter, withStrength?: boolean): Promise<TraversalStep[]> {
    return (await this.usable()) ? this.index.step(frontier, visited, filter) : this.fallback.step(frontier, visited, filter, withStrength);
  }

  async level(frontier: readonly string[], visited: Readonly<Record<string, true>>, filter: TraversalFilter, limit: number): Promise<string[]> {
    return (await this.usable()) ? this.index.level(frontier, visited, filter, limit) : this.fallback.level(frontier, visited, filter, limit);
  }

  async edgesAmong(ids: readonly string[], filter: Pick<TraversalFilter, 'types' | 'activeAt'>): Promise<TraversalEdge[]> {
    return (await this.usable()) ? this.index.edgesAmong(ids, filter) : this.fallback.edgesAmong(ids, filter);
  }

  async adjacency(scope: AdjacencyScope, limit: number): Promise<AdjacencyRow[]> {
    return (await this.usable()) ? this.index.adjacency(scope, limit) : this.fallback.adjacency(scope, limit);
  }

  async adjacencyOf(ids: readonly string[], scope: Pick<AdjacencyScope, 'types' | 'activeAt'>): Promise<AdjacencyRow[]> {
    return (await this.usable()) ? this.index.adjacencyOf(ids, scope) : this.fallback.adjacencyOf(ids, scope);
  }

  async summaries(ids: readonly string[]): Promise<EntitySummary[]> {
    return (await this.usable()) ? this.index.summaries(ids) : this.fallback.summaries(ids);
  }

  /** Resolves once a due build has ended (built, or given up); returns at once when none is due or possible. For warm-ups and tests. */
  async warm(): Promise<void> {
    await this.usable();
    await this.building;
  }

  stats(): TopologyIndexStats {
    return {
      ready: this.state === 'ready',
      entities: this.index.entityCount,
      relationships: this.index.relationshipCount,
      builds: this.builds,
      resets: this.resets,
    };
  }

  /** FollowingView: committed events, in log order. */
  apply(events: readonly LoggedEvent[]): void {
    if (this.state === 'building') this.pending.push(...events);
    else if (this.state === 'ready') for (const event of events) this.applyOne(event);
  }

  /** FollowingView: the changes cannot be told; start over. */
  reset(): void {
    this.generation += 1;
    if (this.state === 'ready' || this.state === 'building') this.resets += 1;
    this.index.clear();
    this.pending = [];
    if (this.state !== 'too-large') this.state = 'empty';
  }

  /** Whether the index is exact now; starts a build when it is due. */
  private async usable(): Promise<boolean> {
    if (!this.options.enabled) return false;
    let followed: boolean;
    try {
      followed = await this.follower.sync();
    } catch {
      // The event log could not be read (an outage, say): the engine answers, or reports its own failure.
      this.follower.forget();
      followed = false;
    }
    if (!followed) {
      if (this.state !== 'empty') this.reset();
      return false;
    }
    if (this.state === 'ready') return true;
    if (this.state === 'empty' && this.building === null && performance.now() - this.lastBuildEnd >= this.options.rebuildIntervalMs) {
      this.building = this.build().finally(() => {
        this.building = null;
        this.lastBuildEnd = performance.now();
      });
    }
    return false;
  }

  /**
   * Reads every entity, then the relationships a chunk of entities at a time, into the
   * index, then applies the events that came meanwhile. Called right after a sync, so the
   * follower's position precedes every read: nothing committed later is missed.
   */
  private async build(): Promise<void> {
    const generation = this.generation;
    const started = performance.now();
    this.state = 'building';
    this.index.clear();
    this.pending = [];
    const overtaken = () => generation !== this.generation;
    try {
      const entities = await this.graph.read(this.q.entities);
      if (overtaken()) return;
      for (const row of entities) this.index.putEntity(entityFacts(row));
      const ids = entities.map((row) => String(row.id));
      const chunk = this.options.chunkSize ?? 2_000;
      for (let i = 0; i < ids.length; i += chunk) {
        const rows = await this.graph.read(this.q.relationships, { ids: ids.slice(i, i + chunk) });
        if (overtaken()) return;
        for (const row of rows) this.index.putRelationship(relationshipFacts(row));
        if (this.index.relationshipCount > this.options.maxRelationships) {
          this.index.clear();
          this.state = 'too-large';
          this.options.log?.('network index: the graph has more relationships than NETWORK_INDEX_MAX_RELATIONSHIPS; traversals stay on the engine', {
            maxRelationships: this.options.maxRelationships,
          });
          return;
        }
      }
      const pending = this.pending;
      this.pending = [];
      this.state = 'ready';
      this.builds += 1;
      for (const event of pending) this.applyOne(event);
      this.options.log?.('network index built', {
        entities: this.index.entityCount,
        relationships: this.index.relationshipCount,
        ms: Math.round(performance.now() - started),
      });
    } catch (error) {
      // The engine failed (an outage, say): stay on the engine and try again later.
      if (!overtaken()) this.reset();
      this.options.log?.('network index build failed; traversals stay on the engine', { error: String(error) });
    }
  }

  private applyOne(event: LoggedEvent): void {
    const payload = event.payload;
    switch (event.type) {
      case DomainEventType.ENTITY_CREATED:
      case DomainEventType.ENTITY_UPDATED:
        if (isRecord(payload.entity)) this.index.putEntity(entityFacts(payload.entity));
        return;
      case DomainEventType.ENTITY_DELETED:
        for (const id of event.subjectIds) this.index.deleteEntity(id);
        return;
      case DomainEventType.RELATIONSHIP_CREATED:
      case DomainEventType.RELATIONSHIP_UPDATED:
      case DomainEventType.RELATIONSHIP_ENDED:
        // An end missing here was deleted by a later event of the same batch: nothing to keep.
        if (isRecord(payload.relationship)) this.index.putRelationship(relationshipFacts(payload.relationship));
        return;
      case DomainEventType.RELATIONSHIP_DELETED:
        if (isRecord(payload.relationship)) this.index.deleteRelationship(String(payload.relationship.id));
        return;
      case DomainEventType.IMPORT_BATCH_COMMITTED:
        if (payload.records === 'ENTITIES' || payload.records === 'RELATIONSHIPS') this.reset();
        return;
      default:
        // Touchpoints, bookings, the metamodel and API keys change no entity's kind and no relationship.
        return;
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function entityFacts(row: Record<string, unknown>): EntityFacts {
  return { id: String(row.id), kind: String(row.kind), category: String(row.category), name: String(row.name) };
}

function relationshipFacts(row: Record<string, unknown>): RelationshipFacts {
  const instant = (value: unknown) => (typeof value === 'string' ? value : null);
  return {
    id: String(row.id),
    type: String(row.type),
    fromId: String(row.fromId),
    toId: String(row.toId),
    validFrom: instant(row.validFrom),
    validTo: instant(row.validTo),
    strength: typeof row.strength === 'number' ? row.strength : null,
  };
}
