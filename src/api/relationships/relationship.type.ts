import { GraphQLDateTime, GraphQLJSONObject } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { PropertyValues } from '../../domain/metamodel/metamodel.types';
import { RelationshipDirection } from '../../domain/relationships/relationship.model';

registerEnumType(RelationshipDirection, {
  name: 'RelationshipDirection',
  description: 'Direction relative to an entity.',
  valuesConfig: {
    OUTGOING: { description: 'From this entity to the other (symmetric types count as both).' },
    INCOMING: { description: 'From the other entity to this one (symmetric types count as both).' },
    BOTH: { description: 'Either direction.' },
  },
});

@ObjectType('Relationship', {
  description: 'A typed link between two entities, valid over an optional interval (e.g. Ann WORKS_AT Acme since 2024).',
})
export class RelationshipType {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'The relationship type from the metamodel, e.g. WORKS_AT.' })
  type!: string;

  @Field(() => ID, { description: 'Id of the source entity (see `from`).' })
  fromId!: string;

  @Field(() => ID, { description: 'Id of the target entity (see `to`).' })
  toId!: string;

  @Field(() => String, { nullable: true, description: 'The role played, e.g. "account manager".' })
  role!: string | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'Start of validity; null: since always.' })
  validFrom!: string | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'End of validity (exclusive); null: still valid.' })
  validTo!: string | null;

  @Field(() => Float, { nullable: true, description: 'Explicit strength between 0 and 1.' })
  strength!: number | null;

  @Field(() => GraphQLJSONObject, { description: "Custom properties, validated against the type's property schema." })
  properties!: PropertyValues;

  @Field(() => Int)
  version!: number;

  @Field(() => GraphQLDateTime)
  createdAt!: string;

  @Field(() => GraphQLDateTime)
  updatedAt!: string;

  @Field(() => String)
  createdBy!: string;

  @Field(() => String)
  updatedBy!: string;
}
