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
registerEnumType(EntitySortField, {
  name: 'EntitySortField',
  description: 'Built-in fields to sort entities by.',
  valuesConfig: {
    NAME: { description: 'Display name, case-insensitive (the default).' },
    CREATED_AT: { description: 'When the entity was created.' },
    UPDATED_AT: { description: 'When the entity last changed.' },
    KIND: { description: 'The name of its kind, e.g. Person before Room.' },
  },
});
registerEnumType(SortDirection, {
  name: 'SortDirection',
  description: 'Whether a list runs from the smallest sort value up, or from the largest down.',
  valuesConfig: {
    ASC: { description: 'Ascending: A to Z, oldest first, smallest number first (the default).' },
    DESC: { description: 'Descending: Z to A, newest first, largest number first.' },
  },
});

@InputType({ description: "A condition on a custom property: `{ name: \"capacity\", op: GTE, value: 50 }`." })
export class PropertyConditionInput {
  @Field(() => String, { description: 'A property defined by a kind in scope.' })
  name!: string;

  @Field(() => ComparisonOperator, {
    description:
      'How to compare. CONTAINS applies only to STRING and STRING_LIST properties, and LT, LTE, GT, GTE not to BOOLEAN or STRING_LIST ones (BAD_USER_INPUT otherwise).',
  })
  op!: ComparisonOperator;

  @Field(() => GraphQLJSON, { description: "A value of the property's type; a list for IN." })
  value!: unknown;
}

@InputType({ description: 'Has a relationship (of a type, valid at an instant) with a given entity.' })
export class RelatedToInput {
  @Field(() => ID, { description: 'The entity at the other end (in either direction).' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'Only this relationship type.' })
  type?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO-8601 instant: only relationships valid then.' })
  activeAt?: string | null;
}

@InputType({ description: 'Which entities to list. Every given condition must hold.' })
export class EntityFilterInput {
  @Field(() => [ID], { nullable: true, description: 'Only the entities with these ids.' })
  ids?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Only these kinds.' })
  kinds?: string[] | null;

  @Field(() => [Category], { nullable: true, description: 'Only entities of these categories.' })
  categories?: Category[] | null;

  @Field(() => String, { nullable: true, description: 'Name contains this text (case-insensitive).' })
  nameContains?: string | null;

  @Field(() => String, { nullable: true, description: 'Name starts with this text (case-insensitive).' })
  nameStartsWith?: string | null;

  @Field(() => [PropertyConditionInput], {
    nullable: true,
    description:
      'Conditions on custom properties; all must hold. BAD_USER_INPUT when no kind in scope (the `kinds` given, or all) defines the property, or the value does not fit its type.',
  })
  properties?: PropertyConditionInput[] | null;

  @Field(() => [RelatedToInput], {
    nullable: true,
    description: 'Only entities that have a relationship with each of these entities; all must hold.',
  })
  relatedTo?: RelatedToInput[] | null;
}

@InputType({ description: 'Sort order; ties are broken by id. Default: NAME ascending.' })
export class EntitySortInput {
  @Field(() => EntitySortField, { nullable: true, description: 'A built-in field to sort by (default NAME); ignored when `property` is given.' })
  field?: EntitySortField | null;

  @Field(() => String, { nullable: true, description: 'Sort by this custom property instead of `field`.' })
  property?: string | null;

  @Field(() => SortDirection, { nullable: true, description: 'ASC (the default) or DESC; ties are broken by id, ascending either way.' })
  direction?: SortDirection | null;
}
