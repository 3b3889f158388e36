import { Field, InputType } from 'type-graphql';
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
