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

/** Every resolver class of the API. */
export const resolvers = [
  HealthResolver,
  ...metamodelResolvers,
  EntityResolver,
  EntityRelationshipsResolver,
  EntityRelationshipEdgeResolver,
  RelationshipResolver,
] as const;

/** Builds the executable schema from the type-graphql classes (sorted, so the emitted SDL is stable). */
export async function createSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({ resolvers: [...resolvers], validate: false });
  return lexicographicSortSchema(schema);
}
