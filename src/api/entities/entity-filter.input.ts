import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import {
  ComparisonOperator,
  EntitySortField,
  SortDirection,
} from '../../domain/entities/entity.model';
import { Category } from '../../domain/metamodel/metamodel.types';

registerEnumType(ComparisonOperator, {
  name: 'ComparisonOperator',
  description: 'How a property condition compares.',
  valuesConfig: {
    EQ: { description: 'equal' },
    NE: { description: 'not equal (also true when the property is absent)' },
    LT: { description: 'less than' },
    LTE: { description: 'less than or equal' },
    GT: { description: 'greater than' },
    GTE: { description: 'greater than or equal' },
    IN: { description: 'equal to one of a list of values' },
    CONTAINS: { description: 'text contains (case-insensitive), or a string list contains the value' },
  },
});
registerEnumType(EntitySortField, { name: 'EntitySortField', description: 'Built-in fields to sort entities by.' });
registerEnumType(SortDirection, { name: 'SortDirection' });

@InputType({ description: "A condition on a custom property: `{ name: \"capacity\", op: GTE, value: 50 }`." })
export class PropertyConditionInput {
  @Field(() => String, { description: 'A property defined by a kind in scope.' })
  name!: string;

  @Field(() => ComparisonOperator)
  op!: ComparisonOperator;

  @Field(() => GraphQLJSON, { description: "A value of the property's type; a list for IN." })
  value!: unknown;
}

@InputType({ description: 'Has a relationship (of a type, valid at an instant) with a given entity.' })
export class RelatedToInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true, description: 'Only this relationship type.' })
  type?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO-8601 instant: only relationships valid then.' })
  activeAt?: string | null;
}

@InputType({ description: 'Which entities to list. Every given condition must hold.' })
export class EntityFilterInput {
  @Field(() => [ID], { nullable: true })
  ids?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Only these kinds.' })
  kinds?: string[] | null;

  @Field(() => [Category], { nullable: true })
  categories?: Category[] | null;

  @Field(() => String, { nullable: true, description: 'Name contains this text (case-insensitive).' })
  nameContains?: string | null;

  @Field(() => String, { nullable: true, description: 'Name starts with this text (case-insensitive).' })
  nameStartsWith?: string | null;

  @Field(() => [PropertyConditionInput], { nullable: true })
  properties?: PropertyConditionInput[] | null;

  @Field(() => [RelatedToInput], { nullable: true })
  relatedTo?: RelatedToInput[] | null;
}

@InputType({ description: 'Sort order; ties are broken by id. Default: NAME ascending.' })
export class EntitySortInput {
  @Field(() => EntitySortField, { nullable: true })
  field?: EntitySortField | null;

  @Field(() => String, { nullable: true, description: 'Sort by this custom property instead of `field`.' })
  property?: string | null;

  @Field(() => SortDirection, { nullable: true })
  direction?: SortDirection | null;
}
