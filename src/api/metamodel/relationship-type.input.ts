import { Field, InputType, Int } from 'type-graphql';
import { Cardinality } from './cardinality.enum';
import { EndpointRuleInput } from './endpoint-rule.input';
import { PropertyDefinitionInput } from './property-definition.input';

@InputType({ description: 'A new relationship type.' })
export class DefineRelationshipTypeInput {
  @Field(() => String, {
    description:
      'UPPER_SNAKE name, e.g. WORKS_AT: an upper-case letter, then up to 63 letters, digits or _. It becomes the relationship type in the graph and cannot change.',
  })
  name!: string;

  @Field(() => String, { nullable: true, description: 'What the relationship means, for people.' })
  description?: string | null;

  @Field(() => EndpointRuleInput, { nullable: true, description: 'Which records may be the source; omitted: any.' })
  source?: EndpointRuleInput | null;

  @Field(() => EndpointRuleInput, { nullable: true, description: 'Which records may be the target; omitted: any.' })
  target?: EndpointRuleInput | null;

  @Field(() => Boolean, {
    defaultValue: true,
    description: 'false makes the type symmetric: source and target rules must then be the same and there is no inverse name.',
  })
  directed!: boolean;

  @Field(() => String, { nullable: true, description: 'How it reads from the target\'s side, e.g. "employs" for WORKS_AT.' })
  inverseName?: string | null;

  @Field(() => Cardinality, { defaultValue: Cardinality.MANY_TO_MANY, description: 'How many active relationships a record may have.' })
  cardinality!: Cardinality;

  @Field(() => Boolean, { defaultValue: false, description: 'Whether a record may be related to itself.' })
  allowSelf!: boolean;

  @Field(() => [PropertyDefinitionInput], { defaultValue: [], description: 'The custom properties of its relationships.' })
  properties!: PropertyDefinitionInput[];
}

@InputType({
  description:
    'Changes to a relationship type. Omitted fields stay as they are. While relationships of the type exist, changes that could invalidate them are refused with CONFLICT.',
})
export class UpdateRelationshipTypeInput {
  @Field(() => Int, { description: 'The version you read; the update is refused with CONFLICT if it changed since.' })
  expectedVersion!: number;

  @Field(() => String, { nullable: true, description: 'A new description; null removes it.' })
  description?: string | null;

  @Field(() => EndpointRuleInput, { nullable: true, description: 'A new source rule; while in use it may only widen.' })
  source?: EndpointRuleInput | null;

  @Field(() => EndpointRuleInput, { nullable: true, description: 'A new target rule; while in use it may only widen.' })
  target?: EndpointRuleInput | null;

  @Field(() => Boolean, { nullable: true, description: 'Directed or symmetric; only while not in use.' })
  directed?: boolean | null;

  @Field(() => String, { nullable: true, description: 'A new inverse name; null removes it.' })
  inverseName?: string | null;

  @Field(() => Cardinality, {
    nullable: true,
    description: 'A new cardinality; while in use it may only loosen (ONE_TO_ONE → MANY_TO_ONE → MANY_TO_MANY).',
  })
  cardinality?: Cardinality | null;

  @Field(() => Boolean, { nullable: true, description: 'Allow self-relationships; while in use it may be turned on, not off.' })
  allowSelf?: boolean | null;

  @Field(() => [PropertyDefinitionInput], {
    nullable: true,
    description: 'The complete new property schema, with the same rules as for entity kinds.',
  })
  properties?: PropertyDefinitionInput[] | null;
}
