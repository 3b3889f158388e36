import { AnalyticsResolver, CentralityScoreResolver, EntityGroupResolver } from './analytics.resolver';

/** The resolvers of network analytics. */
export const analyticsResolvers = [AnalyticsResolver, CentralityScoreResolver, EntityGroupResolver] as const;
