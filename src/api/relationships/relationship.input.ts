import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, Float, ID, InputType, Int } from 'type-graphql';

@InputType({ description: 'A new relationship between two existing entities.' })
export class RelateInput {
  @Field(() => String, { description: 'A registered relationship type, e.g. WORKS_AT.' })
  type!: string;

  @Field(() => ID, {
    description:
      "The source entity; NOT_FOUND when it does not exist. Its kind must fit the type's source rule (BAD_USER_INPUT otherwise); a symmetric type accepts the two ends in either order.",
  })
  fromId!: string;

  @Field(() => ID, {
    description:
      "The target entity; NOT_FOUND when it does not exist. Its kind must fit the type's target rule; the same as fromId only when the type allows self-relationships.",
  })
  toId!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The role played, e.g. "account manager" (trimmed, at most 200 characters; blank counts as none).',
  })
  role?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO-8601 date-time with zone.' })
  validFrom?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO-8601 date-time with zone; must be after validFrom.' })
  validTo?: string | null;

  @Field(() => Float, { nullable: true, description: '0 to 1.' })
  strength?: number | null;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: "Custom properties, checked against the relationship type's property schema (BAD_USER_INPUT otherwise).",
  })
  properties?: Record<string, unknown> | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Your key for a safe retry (1–200 characters): sending again with the same key returns the first result and writes nothing; the same key with different content is refused with CONFLICT.',
  })
  idempotencyKey?: string | null;
}

@InputType({ description: 'Changes to a relationship. Fields left out stay; an explicit null clears.' })
export class UpdateRelationshipInput {
  @Field(() => ID, { description: 'The relationship to change; NOT_FOUND when there is none.' })
  id!: string;

  @Field(() => Int, { description: 'The version you read; if it changed since, the update is refused with CONFLICT.' })
  expectedVersion!: number;

  @Field(() => String, { nullable: true, description: 'A new role (trimmed, at most 200 characters); null or blank removes it.' })
  role?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'A new start of validity, ISO-8601 date-time with zone; null: valid since always.',
  })
  validFrom?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'A new end of validity (exclusive), ISO-8601 date-time with zone, after validFrom; null: still valid.',
  })
  validTo?: string | null;

  @Field(() => Float, { nullable: true, description: 'A new explicit strength, 0 to 1; null removes it.' })
  strength?: number | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Properties to set; null removes one.' })
  properties?: Record<string, unknown> | null;
}
