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
import { ImportResolver } from './import/import.resolver';
import { touchpointResolvers } from './touchpoints';
import { bookingResolvers } from './bookings';
import { subscriptionResolvers } from './subscriptions';
import { noTopicPubSub } from './subscriptions/no-topic-pub-sub';
import { networkResolvers } from './network';
import { analyticsResolvers } from './analytics';
import { entityViewResolvers } from './entity-view';
import { adminResolvers } from './admin';

/** Every resolver class of the API. */
export const resolvers = [
  HealthResolver,
  ...metamodelResolvers,
  EntityResolver,
  EntityRelationshipsResolver,
  EntityRelationshipEdgeResolver,
  RelationshipResolver,
  ...networkResolvers,
  ...analyticsResolvers,
  ...entityViewResolvers,
  ...subscriptionResolvers,
  ...touchpointResolvers,
  ...bookingResolvers,
  ...adminResolvers,
  ImportResolver,
] as const;

/** Builds the executable schema from the type-graphql classes (sorted, so the emitted SDL is stable). */
export async function createSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({ resolvers: [...resolvers], validate: false, pubSub: noTopicPubSub });
  return lexicographicSortSchema(schema);
}
