import { ApiKeyResolver } from './api-key.resolver';

/** Administration resolvers (src/api/schema.ts lists them). */
export const adminResolvers = [ApiKeyResolver] as const;
