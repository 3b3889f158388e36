import { z } from 'zod';

/** Where the graph lives: the embedded engine on disk or in memory, or a Neo4j server. */
export type GraphTarget =
  | { engine: 'grafeo'; path: string | null }
  | { engine: 'neo4j'; url: string; user: string; password: string; database: string | undefined };

/** The validated configuration of one server process. */
export interface AppConfig {
  host: string;
  port: number;
  nodeEnv: 'development' | 'production' | 'test';
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  graph: GraphTarget;
  /** Reconnection to an unreachable engine and health checks of a reachable one (see docs/operations.md). */
  graphRetry: GraphRetryConfig;
  /** Relays domain events across instances when set (subscriptions). */
  redisUrl: string | undefined;
  /** Largest page a list accepts (`first`/`last`); larger is a BAD_USER_INPUT. */
  maxPageSize: number;
  defaultPageSize: number;
  /** Whether GraphQL introspection is served. Default: on outside production. */
  introspection: boolean;
  /** Largest accepted HTTP request body, in bytes. */
  maxBodyBytes: number;
  /** Longest a shutdown waits for in-flight HTTP operations before cutting them (SHUTDOWN_GRACE_MS, default 10000). */
  shutdownGraceMs: number;
  /** Domain events older than this many days are pruned (EVENT_RETENTION_DAYS, default 7). */
  eventRetentionDays: number;
  /** How often pruning runs, in ms (EVENT_PRUNE_INTERVAL_MS, default 3600000: hourly). */
  eventPruneIntervalMs: number;
  /**
   * Most entities (and known-missing ids) the entity cache holds (ENTITY_CACHE_SIZE, default
   * 50000; 0 disables it). Used on the embedded engine only; see docs/caching.md.
   */
  entityCacheSize: number;
  /** Authentication, roles, operation limits, rate limits, CORS (see docs/security.md). */
  security: SecurityConfig;
  /** Network traversal and analytics limits and the relationship strength weights (see docs/network.md). */
  network: NetworkConfig;
}

/** How the server reconnects to an unreachable graph engine. */
export interface GraphRetryConfig {
  /** First retry delay, in ms (GRAPH_RETRY_INITIAL_MS, default 500); doubles per attempt, with jitter. */
  initialMs: number;
  /** Longest delay between attempts, in ms (GRAPH_RETRY_MAX_MS, default 30000). */
  maxMs: number;
  /** How often a reachable engine is pinged, in ms (GRAPH_HEALTH_CHECK_MS, default 10000; 0 = only on /readyz). */
  healthCheckMs: number;
}

/** Limits of traversals and analytics, and the weights of the relationship strength formula. */
export interface NetworkConfig {
  /** Deepest `neighbourhood` depth accepted (MAX_TRAVERSAL_DEPTH, default 3). */
  maxTraversalDepth: number;
  /** Most nodes a traversal may visit (MAX_TRAVERSAL_NODES, default 10000); also the largest `maxNodes`. */
  maxTraversalNodes: number;
  /** Deepest path search (`shortestPath` maxDepth) accepted (MAX_PATH_DEPTH, default 8). */
  maxPathDepth: number;
  /** Largest analytics projection, in nodes (ANALYTICS_MAX_NODES, default 200000). */
  analyticsMaxNodes: number;
  /** Longest an analytics computation may run, in ms (ANALYTICS_TIME_BUDGET_MS, default 30000). */
  analyticsTimeBudgetMs: number;
  /** Weight of the explicit `strength` property (STRENGTH_WEIGHT_EXPLICIT, default 1). */
  strengthWeightExplicit: number;
  /** Weight of the touchpoint term (STRENGTH_WEIGHT_TOUCHPOINTS, default 0: explicit strength only). */
  strengthWeightTouchpoints: number;
  /** Strength assumed for a relationship without an explicit one (STRENGTH_DEFAULT, default 0.5). */
  strengthDefault: number;
  /** Whether traversals use the in-memory topology index where the engine allows it (NETWORK_INDEX=auto, default; off: never). */
  indexEnabled: boolean;
  /** A graph with more relationships is not indexed (NETWORK_INDEX_MAX_RELATIONSHIPS, default 5000000). */
  indexMaxRelationships: number;
  /** Least time between two index builds, in ms (NETWORK_INDEX_REBUILD_INTERVAL_MS, default 30000). */
  indexRebuildIntervalMs: number;
}

/** The roles of src/auth/role.ts (config sits below auth, so the names are repeated here). */
export const ROLE_NAMES = ['viewer', 'analyst', 'editor', 'admin'] as const;
export type RoleName = (typeof ROLE_NAMES)[number];

/** Security settings; every one is an environment variable listed in README's configuration table. */
export interface SecurityConfig {
  /** Whether requests need credentials: true when JWTs or API keys are configured and AUTH_DISABLED is not set. */
  authRequired: boolean;
  /** AUTH_DISABLED=true: serve the API open (everyone admin) even on a public interface. */
  authDisabled: boolean;
  /** Bearer JWT verification, when JWT_SECRET or JWT_JWKS_URL is set. */
  jwt:
    | {
        secret?: string;
        jwksUrl?: string;
        issuer?: string;
        audience?: string;
        clockSkewSeconds: number;
        roleClaim: string;
        defaultRole?: RoleName;
      }
    | undefined;
  /** API_KEYS_ENABLED: API keys alone switch authentication on. */
  apiKeysEnabled: boolean;
  /** Roles that see counts only (COUNTS_ONLY_ROLES), and the fields hidden from them (COUNTS_ONLY_FIELDS). */
  countsOnlyRoles: RoleName[];
  countsOnlyFields: string[];
  limits: { maxDepth: number; maxAliases: number; maxDirectives: number; maxTokens: number; maxCost: number; defaultListSize: number };
  /** Longest a query may run (QUERY_TIMEOUT_MS; 0 = unbounded). Mutations are not cut short. */
  queryTimeoutMs: number;
  /** Token bucket per principal: RATE_LIMIT_PER_SECOND (0 = off), RATE_LIMIT_BURST. */
  rateLimit: { perSecond: number; burst: number };
  /** WS_MAX_CONNECTIONS_PER_PRINCIPAL (0 = unlimited). */
  maxConnectionsPerPrincipal: number;
  /** WS_MAX_PAYLOAD_BYTES: largest WebSocket message. */
  maxWebSocketPayloadBytes: number;
  /** CORS_ORIGINS: browser origins allowed to call the API (`*` = any). */
  corsOrigins: string[];
  /** Hide "Did you mean …?" suggestions in errors (on in production). */
  hideSuggestions: boolean;
  /** METRICS_TOKEN: bearer token a Prometheus scraper presents to /metrics when authentication is required. */
  metricsToken: string | undefined;
}

const csv = z
  .string()
  .default('')
  .transform((v) => v.split(',').map((x) => x.trim()).filter((x) => x.length > 0));

/** Whether HOST is a loopback address, so an open API is reachable from this machine only. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

const boolFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const EnvSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  GRAPH_URL: z.string().min(1).optional(),
  NEO4J_USER: z.string().default('neo4j'),
  NEO4J_PASSWORD: z.string().default(''),
  NEO4J_DATABASE: z.string().min(1).optional(),
  GRAPH_RETRY_INITIAL_MS: z.coerce.number().int().min(1).max(600_000).default(500),
  GRAPH_RETRY_MAX_MS: z.coerce.number().int().min(1).max(3_600_000).default(30_000),
  GRAPH_HEALTH_CHECK_MS: z.coerce.number().int().min(0).max(3_600_000).default(10_000),
  REDIS_URL: z.string().url().optional(),
  MAX_PAGE_SIZE: z.coerce.number().int().min(1).max(10_000).default(100),
  DEFAULT_PAGE_SIZE: z.coerce.number().int().min(1).default(20),
  INTROSPECTION: boolFromEnv.optional(),
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  EVENT_RETENTION_DAYS: z.coerce.number().positive().max(3650).default(7),
  EVENT_PRUNE_INTERVAL_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(3_600_000),
  ENTITY_CACHE_SIZE: z.coerce.number().int().min(0).max(10_000_000).default(50_000),
  AUTH_DISABLED: boolFromEnv.default(false),
  JWT_SECRET: z.string().min(32, 'JWT_SECRET must have at least 32 characters').optional(),
  JWT_JWKS_URL: z.string().url().optional(),
  JWT_ISSUER: z.string().min(1).optional(),
  JWT_AUDIENCE: z.string().min(1).optional(),
  JWT_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
  JWT_ROLE_CLAIM: z.string().min(1).default('role'),
  JWT_DEFAULT_ROLE: z.enum(ROLE_NAMES).optional(),
  API_KEYS_ENABLED: boolFromEnv.default(false),
  METRICS_TOKEN: z.string().min(16, 'METRICS_TOKEN must have at least 16 characters').optional(),
  COUNTS_ONLY_ROLES: csv.pipe(z.array(z.enum(ROLE_NAMES))),
  COUNTS_ONLY_FIELDS: z
    .string()
    .default('Touchpoint.summary')
    .transform((v) => v.split(',').map((x) => x.trim()).filter((x) => x.length > 0))
    .pipe(z.array(z.string().regex(/^[A-Za-z_]\w*\.[A-Za-z_]\w*$/, 'COUNTS_ONLY_FIELDS entries are Type.field'))),
  MAX_QUERY_DEPTH: z.coerce.number().int().min(1).max(100).default(10),
  MAX_ALIASES: z.coerce.number().int().min(0).max(10_000).default(15),
  MAX_DIRECTIVES: z.coerce.number().int().min(0).max(10_000).default(10),
  MAX_TOKENS: z.coerce.number().int().min(100).max(1_000_000).default(2_000),
  MAX_QUERY_COST: z.coerce.number().int().min(10).max(1_000_000_000).default(1_000_000),
  QUERY_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(60_000),
  RATE_LIMIT_PER_SECOND: z.coerce.number().min(0).max(1_000_000).optional(),
  RATE_LIMIT_BURST: z.coerce.number().int().min(1).max(1_000_000).default(200),
  WS_MAX_CONNECTIONS_PER_PRINCIPAL: z.coerce.number().int().min(0).max(1_000_000).optional(),
  WS_MAX_PAYLOAD_BYTES: z.coerce.number().int().min(1024).optional(),
  CORS_ORIGINS: csv,
  MAX_TRAVERSAL_DEPTH: z.coerce.number().int().min(1).max(10).default(3),
  MAX_TRAVERSAL_NODES: z.coerce.number().int().min(10).max(1_000_000).default(10_000),
  MAX_PATH_DEPTH: z.coerce.number().int().min(1).max(16).default(8),
  ANALYTICS_MAX_NODES: z.coerce.number().int().min(10).max(10_000_000).default(200_000),
  ANALYTICS_TIME_BUDGET_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  STRENGTH_WEIGHT_EXPLICIT: z.coerce.number().min(0).max(1000).default(1),
  STRENGTH_WEIGHT_TOUCHPOINTS: z.coerce.number().min(0).max(1000).default(0),
  STRENGTH_DEFAULT: z.coerce.number().gt(0).max(1).default(0.5),
  NETWORK_INDEX: z.enum(['auto', 'off']).default('auto'),
  NETWORK_INDEX_MAX_RELATIONSHIPS: z.coerce.number().int().min(0).max(1_000_000_000).default(5_000_000),
  NETWORK_INDEX_REBUILD_INTERVAL_MS: z.coerce.number().int().min(0).max(86_400_000).default(30_000),
});

/** The default place of the embedded database when GRAPH_URL is not set. */
export const DEFAULT_DATA_PATH = './data/xrm';

/**
 * Reads `GRAPH_URL` into a graph target.
 * - unset → Grafeo on disk at `./data/xrm`
 * - `memory:` → Grafeo in memory (tests)
 * - `file:<path>` → Grafeo on disk at `<path>`
 * - `neo4j://`, `neo4j+s://`, `neo4j+ssc://`, `bolt://`, `bolt+s://`, `bolt+ssc://` → Neo4j
 * @throws Error naming the accepted forms for anything else.
 */
export function parseGraphUrl(
  url: string | undefined,
  neo4j: { user: string; password: string; database: string | undefined },
): GraphTarget {
  if (url === undefined) return { engine: 'grafeo', path: DEFAULT_DATA_PATH };
  if (url === 'memory:') return { engine: 'grafeo', path: null };
  if (url.startsWith('file:')) {
    const path = url.slice('file:'.length).replace(/^\/\/(?=\/)/, '');
    if (path.length === 0) throw new Error('GRAPH_URL=file: needs a path, e.g. file:./data/xrm');
    return { engine: 'grafeo', path };
  }
  if (/^(neo4j|bolt)(\+s|\+ssc)?:\/\/./.test(url)) return { engine: 'neo4j', url, ...neo4j };
  throw new Error(
    `GRAPH_URL "${url}" is not understood: use memory:, file:<path>, or a neo4j://, neo4j+s:// or bolt:// URL`,
  );
}

/**
 * Validates the environment once at start-up.
 * @throws Error listing every invalid variable, so an operator fixes them in one go.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  if (e.GRAPH_RETRY_INITIAL_MS > e.GRAPH_RETRY_MAX_MS) {
    throw new Error('Invalid configuration: GRAPH_RETRY_INITIAL_MS must not exceed GRAPH_RETRY_MAX_MS');
  }
  if (e.DEFAULT_PAGE_SIZE > e.MAX_PAGE_SIZE) {
    throw new Error('Invalid configuration: DEFAULT_PAGE_SIZE must not exceed MAX_PAGE_SIZE');
  }
  const security = securityConfig(e);
  if (e.STRENGTH_WEIGHT_EXPLICIT + e.STRENGTH_WEIGHT_TOUCHPOINTS <= 0) {
    throw new Error('Invalid configuration: STRENGTH_WEIGHT_EXPLICIT + STRENGTH_WEIGHT_TOUCHPOINTS must be above 0');
  }
  return {
    host: e.HOST,
    port: e.PORT,
    nodeEnv: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    graph: parseGraphUrl(e.GRAPH_URL, {
      user: e.NEO4J_USER,
      password: e.NEO4J_PASSWORD,
      database: e.NEO4J_DATABASE,
    }),
    graphRetry: { initialMs: e.GRAPH_RETRY_INITIAL_MS, maxMs: e.GRAPH_RETRY_MAX_MS, healthCheckMs: e.GRAPH_HEALTH_CHECK_MS },
    redisUrl: e.REDIS_URL,
    maxPageSize: e.MAX_PAGE_SIZE,
    defaultPageSize: e.DEFAULT_PAGE_SIZE,
    introspection: e.INTROSPECTION ?? e.NODE_ENV !== 'production',
    maxBodyBytes: e.MAX_BODY_BYTES,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    eventRetentionDays: e.EVENT_RETENTION_DAYS,
    eventPruneIntervalMs: e.EVENT_PRUNE_INTERVAL_MS,
    entityCacheSize: e.ENTITY_CACHE_SIZE,
    security,
    network: {
      maxTraversalDepth: e.MAX_TRAVERSAL_DEPTH,
      maxTraversalNodes: e.MAX_TRAVERSAL_NODES,
      maxPathDepth: e.MAX_PATH_DEPTH,
      analyticsMaxNodes: e.ANALYTICS_MAX_NODES,
      analyticsTimeBudgetMs: e.ANALYTICS_TIME_BUDGET_MS,
      strengthWeightExplicit: e.STRENGTH_WEIGHT_EXPLICIT,
      strengthWeightTouchpoints: e.STRENGTH_WEIGHT_TOUCHPOINTS,
      strengthDefault: e.STRENGTH_DEFAULT,
      indexEnabled: e.NETWORK_INDEX === 'auto',
      indexMaxRelationships: e.NETWORK_INDEX_MAX_RELATIONSHIPS,
      indexRebuildIntervalMs: e.NETWORK_INDEX_REBUILD_INTERVAL_MS,
    },
  };
}

/**
 * The secure default, checked when the server starts (not by every CLI command that
 * reads the configuration): an open API (no authentication configured) may bind a
 * loopback interface only, unless AUTH_DISABLED=true says so on purpose.
 * @throws Error naming the ways out.
 */
export function assertSafeBinding(config: Pick<AppConfig, 'host' | 'security'>): void {
  const { security } = config;
  if (!security.authRequired && !security.authDisabled && !isLoopbackHost(config.host)) {
    throw new Error(
      `Refusing to serve on HOST=${config.host} without authentication: configure JWT_SECRET or JWT_JWKS_URL, ` +
        'or API_KEYS_ENABLED=true, or bind 127.0.0.1 — or set AUTH_DISABLED=true to serve the API open to everyone on purpose',
    );
  }
}

/**
 * The security settings, with the secure default: without JWTs or API keys configured
 * the API is open (everyone admin), so it may bind a loopback interface only, unless
 * AUTH_DISABLED=true says so on purpose (see assertSafeBinding).
 * @throws Error for contradictory JWT settings.
 */
function securityConfig(e: z.infer<typeof EnvSchema>): SecurityConfig {
  if (e.JWT_SECRET !== undefined && e.JWT_JWKS_URL !== undefined) {
    throw new Error('Invalid configuration: set JWT_SECRET (HS256) or JWT_JWKS_URL, not both');
  }
  const jwtConfigured = e.JWT_SECRET !== undefined || e.JWT_JWKS_URL !== undefined;
  if (!jwtConfigured && (e.JWT_ISSUER !== undefined || e.JWT_AUDIENCE !== undefined)) {
    throw new Error('Invalid configuration: JWT_ISSUER/JWT_AUDIENCE need JWT_SECRET or JWT_JWKS_URL');
  }
  const authRequired = !e.AUTH_DISABLED && (jwtConfigured || e.API_KEYS_ENABLED);
  const testing = e.NODE_ENV === 'test';
  return {
    authRequired,
    authDisabled: e.AUTH_DISABLED,
    jwt: jwtConfigured
      ? {
          secret: e.JWT_SECRET,
          jwksUrl: e.JWT_JWKS_URL,
          issuer: e.JWT_ISSUER,
          audience: e.JWT_AUDIENCE,
          clockSkewSeconds: e.JWT_CLOCK_SKEW_SECONDS,
          roleClaim: e.JWT_ROLE_CLAIM,
          defaultRole: e.JWT_DEFAULT_ROLE,
        }
      : undefined,
    apiKeysEnabled: e.API_KEYS_ENABLED,
    countsOnlyRoles: e.COUNTS_ONLY_ROLES,
    countsOnlyFields: e.COUNTS_ONLY_FIELDS,
    limits: {
      maxDepth: e.MAX_QUERY_DEPTH,
      maxAliases: e.MAX_ALIASES,
      maxDirectives: e.MAX_DIRECTIVES,
      maxTokens: e.MAX_TOKENS,
      maxCost: e.MAX_QUERY_COST,
      defaultListSize: e.DEFAULT_PAGE_SIZE,
    },
    queryTimeoutMs: e.QUERY_TIMEOUT_MS,
    // Per-principal quotas are off by default in tests, where one principal sends everything.
    rateLimit: { perSecond: e.RATE_LIMIT_PER_SECOND ?? (testing ? 0 : 50), burst: e.RATE_LIMIT_BURST },
    maxConnectionsPerPrincipal: e.WS_MAX_CONNECTIONS_PER_PRINCIPAL ?? (testing ? 0 : 50),
    maxWebSocketPayloadBytes: e.WS_MAX_PAYLOAD_BYTES ?? e.MAX_BODY_BYTES,
    corsOrigins: e.CORS_ORIGINS,
    hideSuggestions: e.NODE_ENV === 'production',
    metricsToken: e.METRICS_TOKEN,
  };
}
