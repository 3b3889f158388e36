import { DomainEventType } from '../../events/domain-event';
import type { Services } from '../../domain/services';

/** Where a network-scoped feed looks: the entities within `depth` hops of `id`. */
export interface NetworkScope {
  id: string;
  depth: number;
  types: readonly string[] | null;
}

/** How long a resolved network may be reused when no relationship changed (validity intervals still pass). */
const NETWORK_TTL_MS = 30_000;
/** Most networks kept at once. */
const MAX_NETWORKS = 1_000;
/** Most events whose participant kinds are remembered. */
const MAX_KIND_ENTRIES = 5_000;

const GRAPH_SHAPE_CHANGES: ReadonlySet<string> = new Set([
  DomainEventType.RELATIONSHIP_CREATED,
  DomainEventType.RELATIONSHIP_UPDATED,
  DomainEventType.RELATIONSHIP_ENDED,
  DomainEventType.RELATIONSHIP_DELETED,
  DomainEventType.ENTITY_DELETED,
]);

/**
 * Lookups that subscription filters make while events arrive, shared by every subscriber
 * of one server so that a burst of events costs one lookup per distinct question, not one
 * per subscriber: networks around an entity (dropped as soon as any relationship changes,
 * so a relationship added after subscribing counts for the next event), and the kinds of
 * the entities an event involves.
 */
export class SubscriptionLookups {
  private readonly networks = new Map<string, { at: number; ids: Promise<ReadonlySet<string>> }>();
  private readonly kinds = new Map<string, Promise<ReadonlyMap<string, string>>>();

  constructor(private readonly services: Services) {
    services.events.subscribe((event) => {
      if (GRAPH_SHAPE_CHANGES.has(event.type)) this.networks.clear();
    });
  }

  /** The ids of the entities within the scope, the centre included. @throws NotFoundError / BadUserInputError from the network service. */
  network(scope: NetworkScope): Promise<ReadonlySet<string>> {
    const key = JSON.stringify([scope.id, scope.depth, scope.types]);
    const now = Date.now();
    const hit = this.networks.get(key);
    if (hit && now - hit.at < NETWORK_TTL_MS) return hit.ids;
    const ids = this.services.network
      .neighbourhood({ id: scope.id, depth: scope.depth, relationshipTypes: scope.types ? [...scope.types] : null, activeAt: new Date().toISOString() })
      .then((n) => new Set([scope.id, ...n.nodes.map((node) => node.id)]) as ReadonlySet<string>);
    // A failed lookup is not remembered.
    ids.catch(() => this.networks.delete(key));
    if (this.networks.size >= MAX_NETWORKS) this.networks.clear();
    this.networks.set(key, { at: now, ids });
    return ids;
  }

  /** The kind of each of `ids` (missing entities left out), remembered per event. */
  kindsOf(eventId: string, ids: readonly string[]): Promise<ReadonlyMap<string, string>> {
    const hit = this.kinds.get(eventId);
    if (hit) return hit;
    const kinds = this.services.entities
      .getMany(ids)
      .then((entities) => new Map(entities.flatMap((e) => (e ? [[e.id, e.kind] as const] : []))) as ReadonlyMap<string, string>);
    kinds.catch(() => this.kinds.delete(eventId));
    if (this.kinds.size >= MAX_KIND_ENTRIES) this.kinds.delete(this.kinds.keys().next().value as string);
    this.kinds.set(eventId, kinds);
    return kinds;
  }
}

const byServer = new WeakMap<Services, SubscriptionLookups>();

/** The lookups of the server owning `services` (one per server, created on first use). */
export function lookupsFor(services: Services): SubscriptionLookups {
  let lookups = byServer.get(services);
  if (!lookups) {
    lookups = new SubscriptionLookups(services);
    byServer.set(services, lookups);
  }
  return lookups;
}
