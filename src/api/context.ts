import type { ApiKeyService, Principal } from '../auth';
import type { Services } from '../domain/services';
import type { Loaders } from './loaders/loaders';

/** What every resolver receives through `@Ctx()`: built fresh for each request. */
export interface ApiContext {
  services: Services;
  /** Per-request DataLoaders: never shared between requests. */
  loaders: Loaders;
  /** Who is acting: recorded as createdBy/updatedBy on writes (the principal's id). */
  actor: string;
  /** Correlates log lines of one request. */
  requestId: string;
  /** The authenticated caller and its role; every root field checks it (src/api/security/secure-schema.ts). */
  principal: Principal;
  /** API keys, for the admin mutations (src/api/admin). */
  apiKeys: ApiKeyService;
}
