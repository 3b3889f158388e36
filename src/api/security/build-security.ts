import type { GraphQLSchema } from 'graphql';
import { ApiKeyService, Authenticator, createJwtVerifier } from '../../auth';
import type { AppConfig } from '../../config/config';
import type { Services } from '../../domain/services';
import type { GraphEngine } from '../../graph/graph-engine.port';
import type { QueryCatalogue } from '../../graph/query-catalogue';
import type { Logger } from '../../logger';
import type { ApiMetrics } from '../http/metrics';
import { ApiSecurity, type GraphAvailability } from './api-security';
import type { RecordedWrites } from '../../events/recorded-writes';
import { secureSchema } from './secure-schema';

/**
 * Builds the security layer from the configuration (composition for src/app.ts): the
 * authenticator (JWT and API keys), limits, rate limits, CORS and metrics hooks. Logs a
 * warning when the API is open (no authentication configured).
 */
export function buildApiSecurity(
  config: AppConfig,
  deps: {
    engine: GraphEngine;
    catalogue: QueryCatalogue;
    metrics: ApiMetrics;
    logger: Logger;
    /** Whether the graph engine can serve now (engine outages); default always. */
    graphAvailability?: () => GraphAvailability;
    /** Records API key changes as domain events (API_KEY_CREATED/REVOKED); without it they are not recorded. */
    writes?: RecordedWrites;
  },
): ApiSecurity {
  const { security } = config;
  const { logger, metrics } = deps;
  const apiKeys = new ApiKeyService(deps.engine, deps.catalogue, undefined, (error) => logger.warn({ err: error }, 'could not record API key use'), deps.writes);
  const jwt = security.jwt ? createJwtVerifier(security.jwt) : undefined;
  const authenticator = new Authenticator({ required: security.authRequired, jwt, apiKeys });
  if (!security.authRequired) {
    logger.warn(
      { host: config.host, authDisabled: security.authDisabled },
      security.authDisabled
        ? 'AUTH_DISABLED=true: the API is OPEN — every caller is admin'
        : `No authentication configured: the API is OPEN to everyone who can reach ${config.host} (every caller is admin); configure JWT_SECRET, JWT_JWKS_URL or API_KEYS_ENABLED before exposing it`,
    );
  }
  return new ApiSecurity({
    authenticator,
    apiKeys,
    limits: security.limits,
    rateLimit: security.rateLimit,
    maxConnectionsPerPrincipal: security.maxConnectionsPerPrincipal,
    maxWebSocketPayloadBytes: security.maxWebSocketPayloadBytes,
    corsOrigins: security.corsOrigins,
    hideSuggestions: security.hideSuggestions,
    metrics,
    logger,
    graphAvailability: deps.graphAvailability,
    metricsToken: security.metricsToken,
  });
}

/** The executable schema with the authorization rules, timeouts and field rules of the configuration in it. */
export function securedSchema(schema: GraphQLSchema, config: AppConfig, metrics: ApiMetrics): GraphQLSchema {
  return secureSchema(schema, {
    fieldRules: { countsOnlyRoles: config.security.countsOnlyRoles, countsOnlyFields: config.security.countsOnlyFields },
    queryTimeoutMs: config.security.queryTimeoutMs,
    onSubscriptionCount: metrics.subscriptionCount,
  });
}

/** Counts the domain events this process receives (xrm_events_published_total). */
export function countEvents(services: Services, metrics: ApiMetrics): void {
  services.events.subscribe(metrics.eventPublished);
}
