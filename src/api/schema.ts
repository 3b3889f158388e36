import { lexicographicSortSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { EntityResolver } from './entities/entity.resolver';
import { metamodelResolvers } from './metamodel';
import {
  EntityRelationshipEdgeResolver,
  EntityRelationshipsResolver,
  RelationshipResolver,
} from './relationships/relationship.resolver';
import { HealthResolver } from './health.resolver';
import { ImportResolver } from './import/import.resolver'; // issue 7
import { touchpointResolvers } from './touchpoints'; // issue 3
import { bookingResolvers } from './bookings'; // issue 3
import { subscriptionResolvers } from './subscriptions'; // issue 4
import { noTopicPubSub } from './subscriptions/no-topic-pub-sub'; // issue 4
import { networkResolvers } from './network'; // issue 5
import { analyticsResolvers } from './analytics'; // issue 5
import { entityViewResolvers } from './entity-view'; // issue 5 (360° view)
import { adminResolvers } from './admin'; // issue 6

/** Every resolver class of the API. */
export const resolvers = [
  HealthResolver,
  ...metamodelResolvers,
  EntityResolver,
  EntityRelationshipsResolver,
  EntityRelationshipEdgeResolver,
  RelationshipResolver,
  ...networkResolvers, // issue 5
  ...analyticsResolvers, // issue 5
  ...entityViewResolvers, // issue 5 (360° view)
  ...subscriptionResolvers, // issue 4
  ...touchpointResolvers, // issue 3
  ...bookingResolvers, // issue 3
  ...adminResolvers, // issue 6
  ImportResolver, // issue 7
] as const;

/** Builds the executable schema from the type-graphql classes (sorted, so the emitted SDL is stable). */
export async function createSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({ resolvers: [...resolvers], validate: false, pubSub: noTopicPubSub /* issue 4 */ });
  return lexicographicSortSchema(schema);
}
