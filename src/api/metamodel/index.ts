/** The metamodel's GraphQL surface: entity kinds and relationship types. */
import { EntityKindResolver } from './entity-kind.resolver';
import { RelationshipTypeResolver } from './relationship-type.resolver';

export { EntityKindResolver, RelationshipTypeResolver };

/** Resolver classes to add to the schema. */
export const metamodelResolvers = [EntityKindResolver, RelationshipTypeResolver] as const;
