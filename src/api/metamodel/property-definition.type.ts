import { Field, ObjectType } from 'type-graphql';
import { PropertyType } from './property-type.enum';

@ObjectType('PropertyDefinition', { description: 'One custom property of an entity kind or relationship type.' })
export class PropertyDefinitionType {
  @Field(() => String, { description: 'camelCase name, unique within its schema; the key under `properties`.' })
  name!: string;

  @Field(() => PropertyType, { description: 'Which values the property accepts.' })
  type!: PropertyType;

  @Field(() => Boolean, { description: 'Whether every record must have a value.' })
  required!: boolean;

  @Field(() => String, { nullable: true, description: 'What the property means, for people.' })
  description!: string | null;
}
