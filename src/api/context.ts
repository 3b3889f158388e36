import type { Services } from '../domain/services';
import type { Loaders } from './loaders/loaders';

/** What every resolver receives through `@Ctx()`: built fresh for each request. */
export interface ApiContext {
  services: Services;
  /** Per-request DataLoaders: never shared between requests. */
  loaders: Loaders;
  /** Who is acting: recorded as createdBy/updatedBy on writes. */
  actor: string;
  /** Correlates log lines of one request. */
  requestId: string;
}
