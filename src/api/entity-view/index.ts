import { EntityViewResolver } from './entity-view.resolver';

/** The resolvers of the 360° view. */
export const entityViewResolvers = [EntityViewResolver] as const;
