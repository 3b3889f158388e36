import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { RoleEnum } from './role.enum';

@ObjectType('ApiKey', { description: 'An API key: who it is for and what it may do. Its secret is shown once, at creation, and never again.' })
export class ApiKeyType {
  @Field(() => ID, { description: 'The key id; also the part after `xrmk_` in the key itself.' })
  id!: string;

  @Field(() => String, { description: 'What the key is for, for people.' })
  name!: string;

  @Field(() => RoleEnum, { description: 'The role requests with this key act with.' })
  role!: RoleEnum;

  @Field(() => GraphQLDateTime, { description: 'When the key was created.' })
  createdAt!: string;

  @Field(() => String, { nullable: true, description: 'Who created the key.' })
  createdBy!: string | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When the key was last used (recorded at most once a minute).' })
  lastUsedAt!: string | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When the key was revoked; a revoked key authenticates nothing.' })
  revokedAt!: string | null;
}

@ObjectType('CreatedApiKey', { description: 'A new API key and its secret.' })
export class CreatedApiKeyType {
  @Field(() => String, { description: 'The key to send as `Authorization: Bearer <key>` or `x-api-key`. Shown only now: store it safely.' })
  key!: string;

  @Field(() => ApiKeyType, { description: 'The stored record of the new key (without its secret), as `apiKeys` lists it.' })
  apiKey!: ApiKeyType;
}
