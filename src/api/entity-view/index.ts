import { EntityViewResolver } from './entity-view.resolver';

/** The resolvers of the 360° view (issue 5). */
export const entityViewResolvers = [EntityViewResolver] as const;
