import { GraphQLDateTime } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import type { PropertyDefinition } from '../../domain/metamodel/metamodel.types';
import { PropertyDefinitionType } from '../metamodel/property-definition.type';

@ObjectType('Channel', { description: 'A channel touchpoints happen on (EMAIL, PHONE …). Channels are data: define more with `defineChannel`, change them with `updateChannel`, retire them with `deprecateChannel`.' })
export class ChannelType {
  @Field(() => String, { description: 'UPPER_SNAKE name, e.g. VIDEO_CALL.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'What the channel covers.' })
  description!: string | null;

  @Field(() => [PropertyDefinitionType], { description: 'Custom properties touchpoints on this channel may carry.' })
  properties!: PropertyDefinition[];

  @Field(() => Boolean, { description: 'Whether it is one of the built-in channels.' })
  builtIn!: boolean;

  @Field(() => Boolean, { description: 'A deprecated channel keeps its touchpoints but takes no new ones.' })
  deprecated!: boolean;

  @Field(() => Int, { description: 'Optimistic-concurrency version; pass it as `expectedVersion` to `updateChannel`.' })
  version!: number;

  @Field(() => GraphQLDateTime, { description: 'When it was defined.' })
  createdAt!: string;

  @Field(() => GraphQLDateTime, { description: 'When it last changed.' })
  updatedAt!: string;
}
