import type { Logger } from '../logger';
import { backoffDelay, type BackoffOptions } from './backoff';
import type { AccessMode, EngineKind, GraphEngine, GraphTransaction, Params, Row } from './graph-engine.port';
import { GraphUnavailableError } from './graph.errors';
import type { CypherQuery } from './query-catalogue';

/**
 * Where a ResilientEngine stands:
 * - `connecting`: never connected (or its start-up tasks have not completed); retrying;
 * - `starting`: connected, running the start-up tasks (statements pass, the API is not ready yet);
 * - `ready`: serving;
 * - `lost`: was ready, then a ping or a statement found the engine unreachable; probing;
 * - `closed`: closed for good.
 */
export type EngineState = 'connecting' | 'starting' | 'ready' | 'lost' | 'closed';

/** What readiness and logs report about the engine. */
export interface EngineStatus {
  readonly state: EngineState;
  /** The last failure while not ready; undefined when ready. */
  readonly reason: string | undefined;
  /** Failed attempts since the engine was last ready. */
  readonly attempts: number;
  /** Delay before the next attempt, in ms, while one is scheduled. */
  readonly retryInMs: number | undefined;
}

export interface ResilientEngineOptions {
  readonly kind: EngineKind;
  /**
   * Opens the engine and applies its schema. Rejects with GraphUnavailableError when the
   * engine cannot be reached or opened (network, credentials, a locked database file).
   */
  readonly connect: () => Promise<GraphEngine>;
  /**
   * Runs once, after the first successful connection and before the engine counts as
   * ready (schema seeding, event feed). Statements pass through while it runs; when it
   * fails, it is retried with the next connection attempt.
   */
  readonly onFirstConnect?: () => Promise<void>;
  /** Called every time the engine becomes ready (first connection and each recovery). */
  readonly onReady?: () => void;
  readonly backoff: BackoffOptions;
  /** How often a ready engine is pinged, in ms (GRAPH_HEALTH_CHECK_MS; 0 = only when readiness asks). */
  readonly healthCheckMs: number;
  readonly logger: Logger;
  /** The target as logs name it (never with a password). */
  readonly target: string;
}

/**
 * A GraphEngine that survives an unreachable database, at start and later: it connects in
 * the background with exponential backoff and jitter (see backoffDelay), logs each failed
 * attempt once with the next delay, and while not ready rejects every statement at once
 * with GraphUnavailableError (the API answers SERVICE_UNAVAILABLE) instead of hanging.
 * Once ready, a failed ping or a statement failing with GraphUnavailableError (Neo4j's
 * ServiceUnavailable/SessionExpired, see neo4j-errors.ts) marks it lost; it then probes the
 * same engine with ping() on the same schedule and is ready again, without a restart, as
 * soon as the engine answers. Transient errors inside a transaction are not its concern:
 * Neo4j's managed transactions retry those.
 */
export class ResilientEngine implements GraphEngine {
  private inner: GraphEngine | undefined;
  private state: EngineState = 'connecting';
  private reason: string | undefined = 'not connected yet';
  private attempts = 0;
  private retryInMs: number | undefined;
  private initialised = false;
  /** Whether start() was called: the start-up tasks run only then. */
  private armed = false;
  private lostAt: number | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private healthTimer: NodeJS.Timeout | undefined;
  private healthPing: Promise<void> | undefined;
  private attempt: Promise<void> = Promise.resolve();
  private closing: Promise<void> | undefined;
  /** Connections made so far: part of writeMark, since a reconnected engine counts its marks afresh. */
  private connections = 0;

  constructor(private readonly options: ResilientEngineOptions) {}

  get kind(): EngineKind {
    return this.options.kind;
  }

  /** The connected engine, or undefined before the first connection (to reach an engine's native capabilities). */
  get current(): GraphEngine | undefined {
    return this.inner;
  }

  /** The connected engine's mark, prefixed by the connection number; undefined unless ready. */
  writeMark(): string | undefined {
    if (this.state !== 'ready') return undefined;
    const mark = this.inner?.writeMark?.();
    return mark === undefined ? undefined : `${this.connections}:${mark}`;
  }

  /** Where the engine stands (a snapshot). */
  status(): EngineStatus {
    return { state: this.state, reason: this.reason, attempts: this.attempts, retryInMs: this.retryInMs };
  }

  /**
   * Makes the first connection attempt, without the start-up tasks (so code that reaches
   * the native engine through `current` finds it when the engine is reachable). Resolves
   * true when connected, false when unavailable (retries continue in the background).
   * @throws whatever else the attempt raised (e.g. a failing schema statement): a
   *   configuration or code error that retrying would not fix.
   */
  async connect(): Promise<boolean> {
    if (this.inner === undefined && this.state === 'connecting' && this.retryTimer === undefined) {
      this.attempt = this.connectOnce(true);
      await this.attempt;
    }
    return this.inner !== undefined;
  }

  /**
   * Connects if connect() has not, then runs the start-up tasks (`onFirstConnect`) as soon
   * as the engine is connected. Resolves true when the engine is ready, false when it is
   * unavailable and retries continue in the background.
   * @throws whatever else the first attempt raised (e.g. a failing schema statement).
   */
  async start(): Promise<boolean> {
    this.armed = true;
    if (this.state === 'closed' || this.retryTimer !== undefined) return this.state === 'ready';
    await this.attempt;
    if (this.state === 'starting' || (this.state === 'connecting' && this.retryTimer === undefined)) {
      this.attempt = this.connectOnce(true);
      await this.attempt;
    }
    return this.state === 'ready';
  }

  read<R extends Row = Row>(query: CypherQuery, params?: Params): Promise<R[]> {
    return this.guarded((engine) => engine.read<R>(query, params));
  }

  write<R extends Row = Row>(query: CypherQuery, params?: Params): Promise<R[]> {
    return this.guarded((engine) => engine.write<R>(query, params));
  }

  transaction<T>(mode: AccessMode, operation: string, work: (tx: GraphTransaction) => Promise<T>): Promise<T> {
    return this.guarded((engine) => engine.transaction(mode, operation, work));
  }

  applySchema(statements: readonly CypherQuery[]): Promise<void> {
    return this.guarded((engine) => engine.applySchema(statements));
  }

  /** Pings the connected engine; rejects at once with GraphUnavailableError while it is not usable. */
  ping(): Promise<void> {
    return this.guarded(async (engine) => {
      try {
        await engine.ping();
      } catch (error) {
        throw asUnavailable(error);
      }
    });
  }

  /** Stops retrying, waits for an attempt in flight, and closes the engine. Safe to call twice. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.state = 'closed';
      clearTimeout(this.retryTimer);
      clearInterval(this.healthTimer);
      await this.attempt.catch(() => undefined);
      await this.healthPing?.catch(() => undefined);
      await this.inner?.close();
    })();
    return this.closing;
  }

  private async guarded<T>(work: (engine: GraphEngine) => Promise<T>): Promise<T> {
    const engine = this.usable();
    try {
      return await work(engine);
    } catch (error) {
      if (error instanceof GraphUnavailableError) this.markLost(error);
      throw error;
    }
  }

  private usable(): GraphEngine {
    if ((this.state === 'ready' || this.state === 'starting') && this.inner !== undefined) return this.inner;
    const why = this.state === 'closed' ? 'the engine is closed' : (this.reason ?? 'not connected');
    throw new GraphUnavailableError(`The graph engine (${this.options.target}) is unavailable: ${why}`, undefined, undefined);
  }

  /** One connection attempt (or, once connected, one probe), then the start-up tasks; schedules the next on failure. */
  private async connectOnce(first: boolean): Promise<void> {
    if (this.state === 'closed') return;
    try {
      if (this.inner === undefined) {
        const engine = await this.options.connect();
        if (this.isClosed()) {
          await engine.close();
          return;
        }
        this.inner = engine;
        this.connections += 1;
      } else {
        await this.inner.ping();
      }
      if (!this.initialised) {
        this.state = 'starting';
        this.reason = 'connected; running the start-up tasks';
        if (!this.armed) return; // connected; start() runs the start-up tasks
        await this.options.onFirstConnect?.();
        this.initialised = true;
      }
      if (this.isClosed()) return;
      this.becomeReady();
    } catch (error) {
      if (this.isClosed()) return;
      if (first && !(error instanceof GraphUnavailableError)) throw error;
      this.scheduleRetry(error);
    }
  }

  /** Re-reads the state so TypeScript does not narrow it across awaits. */
  private isClosed(): boolean {
    return this.state === 'closed';
  }

  private becomeReady(): void {
    const { logger, target } = this.options;
    const recovered = this.attempts > 0;
    if (recovered) {
      const downMs = this.lostAt === undefined ? undefined : Date.now() - this.lostAt;
      logger.info({ graph: target, attempts: this.attempts, downMs }, 'graph engine reachable again; ready');
    } else {
      logger.info({ graph: target }, 'graph engine ready');
    }
    this.state = 'ready';
    this.reason = undefined;
    this.attempts = 0;
    this.retryInMs = undefined;
    this.lostAt = undefined;
    this.startHealthCheck();
    this.options.onReady?.();
  }

  private scheduleRetry(error: unknown): void {
    const { logger, target, backoff } = this.options;
    this.attempts += 1;
    this.state = this.initialised ? 'lost' : 'connecting';
    this.reason = messageOf(error);
    this.lostAt ??= Date.now();
    const delay = backoffDelay(this.attempts, backoff);
    this.retryInMs = delay;
    const fields = { graph: target, attempt: this.attempts, retryInMs: delay, reason: this.reason };
    if (error instanceof GraphUnavailableError) logger.warn(fields, 'graph engine unavailable; retrying');
    else logger.error({ ...fields, err: error }, 'graph engine start-up failed; retrying');
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.retryInMs = undefined;
      this.attempt = this.connectOnce(false);
    }, delay);
    this.retryTimer.unref();
  }

  /** A ready engine stopped answering: not ready until a probe succeeds. */
  private markLost(error: GraphUnavailableError): void {
    if (this.state !== 'ready') return; // connecting/lost: the retry loop already runs
    clearInterval(this.healthTimer);
    this.healthTimer = undefined;
    this.options.logger.error({ graph: this.options.target, reason: error.message }, 'graph engine lost; not ready until it answers again');
    this.lostAt = Date.now();
    this.scheduleRetry(error);
  }

  private startHealthCheck(): void {
    const every = this.options.healthCheckMs;
    if (every <= 0 || this.healthTimer !== undefined) return;
    this.healthTimer = setInterval(() => {
      if (this.state !== 'ready' || this.healthPing !== undefined) return;
      this.healthPing = this.ping()
        .catch(() => undefined) // ping() has marked the engine lost
        .finally(() => {
          this.healthPing = undefined;
        });
    }, every);
    this.healthTimer.unref();
  }
}

function asUnavailable(error: unknown): GraphUnavailableError {
  if (error instanceof GraphUnavailableError) return error;
  return new GraphUnavailableError(`The graph engine did not answer a ping: ${messageOf(error)}`, undefined, undefined, { cause: error });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

