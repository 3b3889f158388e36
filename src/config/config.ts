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
  /** Relays domain events across instances when set (issue: subscriptions). */
  redisUrl: string | undefined;
  /** Largest page a list accepts (`first`/`last`); larger is a BAD_USER_INPUT. */
  maxPageSize: number;
  defaultPageSize: number;
  /** Whether GraphQL introspection is served. Default: on outside production. */
  introspection: boolean;
  /** Largest accepted HTTP request body, in bytes. */
  maxBodyBytes: number;
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
  REDIS_URL: z.string().url().optional(),
  MAX_PAGE_SIZE: z.coerce.number().int().min(1).max(10_000).default(100),
  DEFAULT_PAGE_SIZE: z.coerce.number().int().min(1).default(20),
  INTROSPECTION: boolFromEnv.optional(),
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
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
  if (e.DEFAULT_PAGE_SIZE > e.MAX_PAGE_SIZE) {
    throw new Error('Invalid configuration: DEFAULT_PAGE_SIZE must not exceed MAX_PAGE_SIZE');
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
    redisUrl: e.REDIS_URL,
    maxPageSize: e.MAX_PAGE_SIZE,
    defaultPageSize: e.DEFAULT_PAGE_SIZE,
    introspection: e.INTROSPECTION ?? e.NODE_ENV !== 'production',
    maxBodyBytes: e.MAX_BODY_BYTES,
  };
}
