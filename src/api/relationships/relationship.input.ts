import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, Float, ID, InputType, Int } from 'type-graphql';

@InputType({ description: 'A new relationship between two existing entities.' })
export class RelateInput {
  @Field(() => String, { description: 'A registered relationship type, e.g. WORKS_AT.' })
  type!: string;

  @Field(() => ID)
  fromId!: string;

  @Field(() => ID)
  toId!: string;

  @Field(() => String, { nullable: true })
  role?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO-8601 date-time with zone.' })
  validFrom?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO-8601 date-time with zone; must be after validFrom.' })
  validTo?: string | null;

  @Field(() => Float, { nullable: true, description: '0 to 1.' })
  strength?: number | null;

  @Field(() => GraphQLJSONObject, { nullable: true })
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
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  expectedVersion!: number;

  @Field(() => String, { nullable: true })
  role?: string | null;

  @Field(() => String, { nullable: true })
  validFrom?: string | null;

  @Field(() => String, { nullable: true })
  validTo?: string | null;

  @Field(() => Float, { nullable: true })
  strength?: number | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Properties to set; null removes one.' })
  properties?: Record<string, unknown> | null;
}
