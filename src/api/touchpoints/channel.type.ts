import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import type { PropertyDefinition } from '../../domain/metamodel/metamodel.types';
import { PropertyDefinitionType } from '../metamodel/property-definition.type';

@ObjectType('Channel', { description: 'A channel touchpoints happen on (EMAIL, PHONE …). Channels are data: define more with `defineChannel`.' })
export class ChannelType {
  @Field(() => String, { description: 'UPPER_SNAKE name, e.g. VIDEO_CALL.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'What the channel covers.' })
  description!: string | null;

  @Field(() => [PropertyDefinitionType], { description: 'Custom properties touchpoints on this channel may carry.' })
  properties!: PropertyDefinition[];

  @Field(() => Boolean, { description: 'Whether it is one of the built-in channels.' })
  builtIn!: boolean;

  @Field(() => GraphQLDateTime, { description: 'When it was defined.' })
  createdAt!: string;
}
