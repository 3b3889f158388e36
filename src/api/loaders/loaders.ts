import DataLoader from 'dataloader';
import type { Entity } from '../../domain/entities/entity.model';
import type { RelationshipFromEntity, RelationshipQuery } from '../../domain/relationships/relationship.model';
import type { Relationship } from '../../domain/relationships/relationship.model';
import type { Services } from '../../domain/services';
import type { Page, PageArgs } from '../../domain/shared/page';
import type { Booking } from '../../domain/bookings/booking.model';
import type { Touchpoint } from '../../domain/touchpoints/touchpoint.model';

/** The relationships field's arguments: one batch per distinct set of them. */
export type RelationshipsArgs = RelationshipQuery & PageArgs;

/** Per-request DataLoaders; see createLoaders. */
export interface Loaders {
  entityById: DataLoader<string, Entity | null>;
  relationshipById: DataLoader<string, Relationship | null>;
  /** The loader for one set of arguments of `Entity.relationships`, keyed by entity id. */
  relationshipsOf(args: RelationshipsArgs): DataLoader<string, Page<RelationshipFromEntity>>;
  /** Strength between two entities (`[id, otherId]`) at an instant (null: now), batched. */
  relationshipStrength(activeAt: string | null): DataLoader<readonly [string, string], number>;
  touchpointById: DataLoader<string, Touchpoint | null>;
  bookingById: DataLoader<string, Booking | null>;
}

const EMPTY_PAGE: Page<RelationshipFromEntity> = {
  items: [],
  offset: 0,
  totalCount: 0,
  hasNextPage: false,
  hasPreviousPage: false,
};

/**
 * Builds the loaders of one request. They batch the lookups of one GraphQL execution
 * level into a single engine call each, and cache per request only, so no data leaks
 * between callers.
 */
export function createLoaders(services: Services): Loaders {
  return new RequestLoaders(services);
}

/** Each loader is built on first use (most requests need one or two); methods on the prototype, no closures per request. */
class RequestLoaders implements Loaders {
  private entities: Loaders['entityById'] | undefined;
  private relationships: Loaders['relationshipById'] | undefined;
  private touchpoints: Loaders['touchpointById'] | undefined;
  private bookings: Loaders['bookingById'] | undefined;
  private byArgs: Map<string, DataLoader<string, Page<RelationshipFromEntity>>> | undefined;
  private strengthByInstant: Map<string, DataLoader<readonly [string, string], number>> | undefined;

  constructor(private readonly services: Services) {}

  get entityById(): Loaders['entityById'] {
    return (this.entities ??= new DataLoader((ids) => this.services.entities.getMany(ids)));
  }

  get relationshipById(): Loaders['relationshipById'] {
    return (this.relationships ??= new DataLoader((ids) => this.services.relationships.getMany(ids)));
  }

  get touchpointById(): Loaders['touchpointById'] {
    return (this.touchpoints ??= new DataLoader((ids) => this.services.touchpoints.getMany(ids)));
  }

  get bookingById(): Loaders['bookingById'] {
    return (this.bookings ??= new DataLoader((ids) => this.services.bookings.getMany(ids)));
  }

  relationshipStrength(activeAt: string | null): DataLoader<readonly [string, string], number> {
    const services = this.services;
    const key = activeAt ?? '';
    const byInstant = (this.strengthByInstant ??= new Map<string, DataLoader<readonly [string, string], number>>());
    let loader = byInstant.get(key);
    if (!loader) {
      loader = new DataLoader<readonly [string, string], number, string>((pairs) => services.network.relationshipStrengths(pairs, activeAt), {
        cacheKeyFn: (pair) => pair.join('|'),
      });
      byInstant.set(key, loader);
    }
    return loader;
  }

  relationshipsOf(args: RelationshipsArgs): DataLoader<string, Page<RelationshipFromEntity>> {
    const services = this.services;
    const key = JSON.stringify([args.direction ?? null, args.types ?? null, args.activeAt ?? null, args.first ?? null, args.after ?? null, args.last ?? null, args.before ?? null]);
    const byArgs = (this.byArgs ??= new Map<string, DataLoader<string, Page<RelationshipFromEntity>>>());
    let loader = byArgs.get(key);
    if (!loader) {
      loader = new DataLoader<string, Page<RelationshipFromEntity>>(async (entityIds) => {
        const pages = await services.relationships.listForEntities(entityIds, args, args);
        return entityIds.map((id) => pages.get(id) ?? EMPTY_PAGE);
      });
      byArgs.set(key, loader);
    }
    return loader;
  }
}
