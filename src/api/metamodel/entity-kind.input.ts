import { Field, InputType, Int } from 'type-graphql';
import { Category } from './category.enum';
import { PropertyDefinitionInput } from './property-definition.input';

@InputType({ description: 'A new entity kind.' })
export class DefineEntityKindInput {
  @Field(() => String, {
    description:
      'PascalCase name, e.g. TradeFair: an upper-case letter, then up to 63 letters, digits or _. It becomes the node label of the records and cannot change.',
  })
  name!: string;

  @Field(() => Category, { description: 'The family the kind belongs to.' })
  category!: Category;

  @Field(() => String, { nullable: true, description: 'What records of this kind are, for people.' })
  description?: string | null;

  @Field(() => [PropertyDefinitionInput], { defaultValue: [], description: 'The custom properties of its records.' })
  properties!: PropertyDefinitionInput[];
}

@InputType({ description: 'Changes to an entity kind. Omitted fields stay as they are.' })
export class UpdateEntityKindInput {
  @Field(() => Int, { description: 'The version you read; the update is refused with CONFLICT if it changed since.' })
  expectedVersion!: number;

  @Field(() => Category, { nullable: true, description: 'A new category; only while no record of the kind exists.' })
  category?: Category | null;

  @Field(() => String, { nullable: true, description: 'A new description; null removes it.' })
  description?: string | null;

  @Field(() => [PropertyDefinitionInput], {
    nullable: true,
    description:
      'The complete new property schema. While records exist, a property may not change its type or become required, and new properties must be optional.',
  })
  properties?: PropertyDefinitionInput[] | null;
}
