import { GraphQLDateTime } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { Category } from './category.enum';
import { PropertyDefinitionType } from './property-definition.type';

@ObjectType('EntityKind', {
  description:
    'A kind of record (Person, Organization, Room, Vehicle …): its category and the custom properties its records carry. Part of the metamodel, editable through the API.',
})
export class EntityKindType {
  @Field(() => String, { description: 'PascalCase name; also the node label of its records.' })
  name!: string;

  @Field(() => Category, { description: 'The family the kind belongs to.' })
  category!: Category;

  @Field(() => String, { nullable: true, description: 'What records of this kind are, for people.' })
  description!: string | null;

  @Field(() => [PropertyDefinitionType], { description: 'The custom properties its records may or must have.' })
  properties!: PropertyDefinitionType[];

  @Field(() => Boolean, { description: 'A deprecated kind keeps its records but accepts no new ones.' })
  deprecated!: boolean;

  @Field(() => Int, { description: 'Increases with every change; send it back as `expectedVersion` when updating.' })
  version!: number;

  @Field(() => GraphQLDateTime, { description: 'When the kind was defined.' })
  createdAt!: string;

  @Field(() => GraphQLDateTime, { description: 'When the kind last changed.' })
  updatedAt!: string;

  @Field(() => String, { nullable: true, description: 'Who defined the kind.' })
  createdBy?: string | null;

  @Field(() => String, { nullable: true, description: 'Who last changed the kind.' })
  updatedBy?: string | null;
}
