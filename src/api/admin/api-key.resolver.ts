import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { ApiKeyRecord, CreatedApiKey } from '../../auth';
import type { ApiContext } from '../context';
import { CreateApiKeyInput } from './api-key.input';
import { ApiKeyType, CreatedApiKeyType } from './api-key.type';

/** API key administration (admin role, see src/auth/operation-roles.ts): each maps to one ApiKeyService call. */
@Resolver(() => ApiKeyType)
export class ApiKeyResolver {
  @Query(() => [ApiKeyType], { description: 'Every API key, newest first, revoked ones included. Admin only.' })
  apiKeys(@Ctx() ctx: ApiContext): Promise<ApiKeyRecord[]> {
    return ctx.apiKeys.list();
  }

  @Mutation(() => CreatedApiKeyType, { description: 'Creates an API key; the answer holds its secret, shown this once. Admin only.' })
  createApiKey(
    @Arg('input', () => CreateApiKeyInput, { description: 'The name and role of the new key.' }) input: CreateApiKeyInput,
    @Ctx() ctx: ApiContext,
  ): Promise<CreatedApiKey> {
    return ctx.apiKeys.create(input, ctx.actor);
  }

  @Mutation(() => ApiKeyType, { description: 'Revokes an API key at once. NOT_FOUND for an unknown id. Admin only.' })
  revokeApiKey(
    @Arg('id', () => ID, { description: 'The key to revoke. Revoking a revoked key changes nothing and returns it.' }) id: string,
    @Ctx() ctx: ApiContext,
  ): Promise<ApiKeyRecord> {
    return ctx.apiKeys.revoke(id, ctx.actor);
  }
}
