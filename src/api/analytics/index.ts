import { AnalyticsResolver, CentralityScoreResolver, EntityGroupResolver } from './analytics.resolver';

/** The resolvers of network analytics (issue 5). */
export const analyticsResolvers = [AnalyticsResolver, CentralityScoreResolver, EntityGroupResolver] as const;
