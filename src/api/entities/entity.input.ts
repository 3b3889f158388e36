import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';

@InputType({ description: 'A new entity.' })
export class CreateEntityInput {
  @Field(() => String, { description: 'A registered, non-deprecated kind, e.g. Person.' })
  kind!: string;

  @Field(() => String, {
    description: 'Display name, trimmed of surrounding spaces: not blank, at most 500 characters (BAD_USER_INPUT otherwise).',
  })
  name!: string;

  @Field(() => GraphQLJSONObject, { nullable: true, description: "Custom properties, checked against the kind's schema." })
  properties?: Record<string, unknown> | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Your key for a safe retry (1–200 characters): sending again with the same key returns the first result and writes nothing; the same key with different content is refused with CONFLICT.',
  })
  idempotencyKey?: string | null;
}

@InputType({ description: 'Changes to an entity. Fields left out stay as they are.' })
export class UpdateEntityInput {
  @Field(() => ID, { description: 'The entity to change; NOT_FOUND when there is none.' })
  id!: string;

  @Field(() => Int, { description: 'The version you read; if it changed since, the update is refused with CONFLICT.' })
  expectedVersion!: number;

  @Field(() => String, {
    nullable: true,
    description: 'A new display name (trimmed; not blank, at most 500 characters). Absent or null keeps the current name.',
  })
  name?: string | null;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: 'Properties to set; a null value removes that property. Others stay.',
  })
  properties?: Record<string, unknown> | null;
}
