import { Field, InputType } from 'type-graphql';
import { PropertyType } from './property-type.enum';

@InputType({ description: 'One custom property of a schema.' })
export class PropertyDefinitionInput {
  @Field(() => String, {
    description: 'camelCase name: a lower-case letter, then letters, digits or _ (at most 64); not a system field such as id or name.',
  })
  name!: string;

  @Field(() => PropertyType, { description: 'Which values the property accepts.' })
  type!: PropertyType;

  @Field(() => Boolean, { defaultValue: false, description: 'Whether every record must have a value.' })
  required!: boolean;

  @Field(() => String, { nullable: true, description: 'What the property means, for people.' })
  description?: string | null;
}
