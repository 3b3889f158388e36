import { Field, InputType, Int } from 'type-graphql';
import { PropertyDefinitionInput } from '../metamodel/property-definition.input';

@InputType({ description: 'A new channel for touchpoints.' })
export class DefineChannelInput {
  @Field(() => String, { description: 'UPPER_SNAKE name, e.g. TRADE_FAIR_APP.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'What the channel covers.' })
  description?: string | null;

  @Field(() => [PropertyDefinitionInput], { nullable: true, description: 'Custom properties touchpoints on this channel may carry.' })
  properties?: PropertyDefinitionInput[] | null;
}

@InputType({ description: 'A change to a channel; fields left out stay as they are.' })
export class UpdateChannelInput {
  @Field(() => Int, { description: 'The version you read; the update is refused with CONFLICT if it changed since.' })
  expectedVersion!: number;

  @Field(() => String, { nullable: true, description: 'A new description; null removes it.' })
  description?: string | null;

  @Field(() => [PropertyDefinitionInput], {
    nullable: true,
    description:
      'The complete new property schema. While touchpoints use the channel, a property may not change its type or become required, and new properties must be optional.',
  })
  properties?: PropertyDefinitionInput[] | null;
}
