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
  const byArgs = new Map<string, DataLoader<string, Page<RelationshipFromEntity>>>();
  const strengthByInstant = new Map<string, DataLoader<readonly [string, string], number>>();
  return {
    entityById: new DataLoader((ids) => services.entities.getMany(ids)),
    relationshipById: new DataLoader((ids) => services.relationships.getMany(ids)),
    touchpointById: new DataLoader((ids) => services.touchpoints.getMany(ids)),
    bookingById: new DataLoader((ids) => services.bookings.getMany(ids)),
    relationshipStrength(activeAt) {
      const key = activeAt ?? '';
      let loader = strengthByInstant.get(key);
      if (!loader) {
        loader = new DataLoader((pairs) => services.network.relationshipStrengths(pairs, activeAt), {
          cacheKeyFn: (pair) => pair.join('|'),
        });
        strengthByInstant.set(key, loader);
      }
      return loader;
    },
    relationshipsOf(args) {
      const key = JSON.stringify([args.direction ?? null, args.types ?? null, args.activeAt ?? null, args.first ?? null, args.after ?? null, args.last ?? null, args.before ?? null]);
      let loader = byArgs.get(key);
      if (!loader) {
        loader = new DataLoader(async (entityIds) => {
          const pages = await services.relationships.listForEntities(entityIds, args, args);
          return entityIds.map((id) => pages.get(id) ?? EMPTY_PAGE);
        });
        byArgs.set(key, loader);
      }
      return loader;
    },
  };
}
