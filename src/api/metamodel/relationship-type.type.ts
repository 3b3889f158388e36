import { GraphQLDateTime } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { Cardinality } from './cardinality.enum';
import { EndpointRuleType } from './endpoint-rule.type';
import { PropertyDefinitionType } from './property-definition.type';

@ObjectType('RelationshipType', {
  description:
    'A type of relationship (WORKS_AT, SUPPLIES, LOCATED_IN …): which records it may connect, its direction, how it reads backwards, its cardinality and custom properties. Part of the metamodel, editable through the API.',
})
export class RelationshipTypeType {
  @Field(() => String, { description: 'UPPER_SNAKE name; also the relationship type in the graph.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'What the relationship means, for people.' })
  description!: string | null;

  @Field(() => EndpointRuleType, { description: 'Which records may be the source (start) of the relationship.' })
  source!: EndpointRuleType;

  @Field(() => EndpointRuleType, { description: 'Which records may be the target (end) of the relationship.' })
  target!: EndpointRuleType;

  @Field(() => Boolean, {
    description: 'false: the type is symmetric (KNOWS, PARTNER_OF) and the stored direction carries no meaning.',
  })
  directed!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'How the relationship reads from the target\'s side, e.g. "employs" for WORKS_AT.',
  })
  inverseName!: string | null;

  @Field(() => Cardinality, { description: 'How many active relationships of this type a record may have.' })
  cardinality!: Cardinality;

  @Field(() => Boolean, { description: 'Whether a record may be related to itself with this type.' })
  allowSelf!: boolean;

  @Field(() => [PropertyDefinitionType], { description: 'The custom properties its relationships may or must have.' })
  properties!: PropertyDefinitionType[];

  @Field(() => Boolean, { description: 'A deprecated type keeps its relationships but accepts no new ones.' })
  deprecated!: boolean;

  @Field(() => Int, { description: 'Increases with every change; send it back as `expectedVersion` when updating.' })
  version!: number;

  @Field(() => GraphQLDateTime, { description: 'When the type was defined.' })
  createdAt!: string;

  @Field(() => GraphQLDateTime, { description: 'When the type last changed.' })
  updatedAt!: string;

  @Field(() => String, { nullable: true, description: 'Who defined the type.' })
  createdBy?: string | null;

  @Field(() => String, { nullable: true, description: 'Who last changed the type.' })
  updatedBy?: string | null;
}
