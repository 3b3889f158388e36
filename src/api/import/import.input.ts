import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, Float, InputType } from 'type-graphql';

@InputType({ description: 'An entity to create, or to update when one with this source and externalId exists.' })
export class EntityImportRowInput {
  @Field(() => String, { description: "The record's key in the call's source." })
  externalId!: string;

  @Field(() => String, { description: 'A registered, non-deprecated kind.' })
  kind!: string;

  @Field(() => String)
  name!: string;

  @Field(() => GraphQLJSONObject, { nullable: true, description: "Custom properties, checked against the kind's schema." })
  properties?: Record<string, unknown> | null;
}

@InputType({ description: 'The import key of a relationship end.' })
export class ImportKeyInput {
  @Field(() => String, { nullable: true, description: "Default: the call's source." })
  source?: string | null;

  @Field(() => String)
  externalId!: string;
}

@InputType({ description: 'A relationship to create, or to update when one with this key exists. Both ends must exist.' })
export class RelationshipImportRowInput {
  @Field(() => String, { nullable: true, description: 'Default: `<from externalId>><TYPE>><to externalId>` (one per pair and type).' })
  externalId?: string | null;

  @Field(() => String)
  type!: string;

  @Field(() => ImportKeyInput)
  from!: ImportKeyInput;

  @Field(() => ImportKeyInput)
  to!: ImportKeyInput;

  @Field(() => String, { nullable: true })
  role?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO-8601 date-time with a time zone.' })
  validFrom?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO-8601 date-time with a time zone.' })
  validTo?: string | null;

  @Field(() => Float, { nullable: true, description: '0 to 1.' })
  strength?: number | null;

  @Field(() => GraphQLJSONObject, { nullable: true })
  properties?: Record<string, unknown> | null;
}
