import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, Float, InputType } from 'type-graphql';

@InputType({ description: 'An entity to create, or to update when one with this source and externalId exists.' })
export class EntityImportRowInput {
  @Field(() => String, { description: "The record's key in the call's source." })
  externalId!: string;

  @Field(() => String, { description: 'A registered, non-deprecated kind.' })
  kind!: string;

  @Field(() => String, { description: 'Display name, trimmed: not blank, at most 500 characters.' })
  name!: string;

  @Field(() => GraphQLJSONObject, { nullable: true, description: "Custom properties, checked against the kind's schema." })
  properties?: Record<string, unknown> | null;
}

@InputType({ description: 'The import key of a relationship end.' })
export class ImportKeyInput {
  @Field(() => String, { nullable: true, description: "Default: the call's source." })
  source?: string | null;

  @Field(() => String, { description: "The entity's key in that source (its `externalId` when it was imported)." })
  externalId!: string;
}

@InputType({ description: 'A relationship to create, or to update when one with this key exists. Both ends must exist.' })
export class RelationshipImportRowInput {
  @Field(() => String, { nullable: true, description: 'Default: `<from externalId>><TYPE>><to externalId>` (one per pair and type).' })
  externalId?: string | null;

  @Field(() => String, { description: 'A registered, non-deprecated relationship type, e.g. WORKS_AT.' })
  type!: string;

  @Field(() => ImportKeyInput, { description: 'The import key of the source entity; the row is rejected when no entity has it.' })
  from!: ImportKeyInput;

  @Field(() => ImportKeyInput, { description: 'The import key of the target entity; the row is rejected when no entity has it.' })
  to!: ImportKeyInput;

  @Field(() => String, {
    nullable: true,
    description: 'The role played (at most 200 characters). Like validity and strength, it replaces the stored value: left out, it clears it.',
  })
  role?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO-8601 date-time with a time zone.' })
  validFrom?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO-8601 date-time with a time zone.' })
  validTo?: string | null;

  @Field(() => Float, { nullable: true, description: '0 to 1.' })
  strength?: number | null;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: "Custom properties, checked against the type's schema. Properties left out stay as stored.",
  })
  properties?: Record<string, unknown> | null;
}
