import {
  EntityStrengthResolver,
  NeighbourhoodEdgeResolver,
  NeighbourhoodNodeResolver,
  NetworkResolver,
  PathEdgeResolver,
  PathResolver,
} from './network.resolver';

/** The resolvers of network traversals. */
export const networkResolvers = [NetworkResolver, NeighbourhoodNodeResolver, NeighbourhoodEdgeResolver, PathResolver, PathEdgeResolver, EntityStrengthResolver] as const;
