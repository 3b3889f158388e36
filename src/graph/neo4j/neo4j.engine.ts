import neo4j, { type Driver, type ManagedTransaction, type Session } from 'neo4j-driver';
import type { GraphTarget } from '../../config/config';
import type { AccessMode, GraphEngine, GraphTransaction, Params, Row } from '../graph-engine.port';
import { GraphEngineError, GraphUnavailableError } from '../graph.errors';
import type { CypherQuery } from '../query-catalogue';
import { mapNeo4jError, type Neo4jErrorContext } from './neo4j-errors';
import { toNeo4jParams, toPlainRow } from './neo4j-values';

/** A Neo4j graph target, as parsed from GRAPH_URL and the NEO4J_* variables. */
export type Neo4jTarget = Extract<GraphTarget, { engine: 'neo4j' }>;

/** Tuning of the Neo4j engine; every field has a default. */
export interface Neo4jEngineOptions {
  /** Server-side timeout of each transaction, in ms. Default 30 000. */
  readonly transactionTimeoutMs?: number;
  /** How long managed transactions retry transient errors, in ms. Default 15 000. */
  readonly maxRetryTimeMs?: number;
  /** TCP connect timeout, in ms. Default 5 000. */
  readonly connectionTimeoutMs?: number;
}

/** Answered by the server without touching data; used by ping(), not a product query. */
const PING = 'RETURN 1 AS ok';

/**
 * The Neo4j 5 engine (neo4j-driver). Each transaction opens its own session on the
 * configured database, runs as a managed transaction (`executeRead` / `executeWrite`,
 * which retry transient errors), is tagged with `{ operation }` metadata and a timeout,
 * and closes its session in `finally`. Create it with `Neo4jEngine.connect`.
 */
export class Neo4jEngine implements GraphEngine {
  readonly kind = 'neo4j' as const;
  private closing: Promise<void> | undefined;
  /** Retryable driver errors cross the transaction function raw (so the driver retries); this remembers their query. */
  private readonly failedQuery = new WeakMap<object, string>();

  private constructor(
    private readonly driver: Driver,
    private readonly target: Neo4jTarget,
    private readonly transactionTimeoutMs: number,
  ) {}

  /**
   * Creates the driver and checks that the server answers a query on the target database
   * with these credentials.
   * @throws GraphUnavailableError naming the URL (and user) when the server cannot be
   *   reached, rejects the credentials, or lacks the database; the driver is closed then.
   */
  static async connect(target: Neo4jTarget, options: Neo4jEngineOptions = {}): Promise<Neo4jEngine> {
    let driver: Driver;
    try {
      driver = neo4j.driver(target.url, neo4j.auth.basic(target.user, target.password), {
        connectionTimeout: options.connectionTimeoutMs ?? 5_000,
        maxTransactionRetryTime: options.maxRetryTimeMs ?? 15_000,
        userAgent: 'xrm-graph',
      });
    } catch (error) {
      throw new GraphUnavailableError(`Cannot use Neo4j URL ${target.url}: ${(error as Error).message}`, undefined, undefined, {
        cause: error,
      });
    }
    const engine = new Neo4jEngine(driver, target, options.transactionTimeoutMs ?? 30_000);
    try {
      await engine.ping();
    } catch (error) {
      await driver.close().catch(() => undefined);
      throw error;
    }
    return engine;
  }

  read<R extends Row = Row>(query: CypherQuery, params: Params = {}): Promise<R[]> {
    return this.transaction('READ', query.name, (tx) => tx.run<R>(query, params));
  }

  write<R extends Row = Row>(query: CypherQuery, params: Params = {}): Promise<R[]> {
    return this.transaction('WRITE', query.name, (tx) => tx.run<R>(query, params));
  }

  async transaction<T>(mode: AccessMode, operation: string, work: (tx: GraphTransaction) => Promise<T>): Promise<T> {
    const session = this.openSession(mode);
    const config = { timeout: this.transactionTimeoutMs, metadata: { operation } };
    const unit = (tx: ManagedTransaction) => work(this.wrap(tx));
    try {
      return await (mode === 'READ' ? session.executeRead(unit, config) : session.executeWrite(unit, config));
    } catch (error) {
      throw this.mapError(error, this.failedQuery.get(error as object));
    } finally {
      // The outcome is settled; a failing close must not replace it.
      await session.close().catch(() => undefined);
    }
  }

  async applySchema(statements: readonly CypherQuery[]): Promise<void> {
    // Schema and data writes cannot share a transaction on Neo4j: one statement per transaction.
    for (const statement of statements) await this.write(statement);
  }

  /**
   * Runs a trivial auto-commit query (not retried, so a dead server fails at once).
   * @throws GraphUnavailableError for any failure, including a closed engine.
   */
  async ping(): Promise<void> {
    const session = this.openSession('READ');
    try {
      await session.run(PING, {}, { timeout: this.transactionTimeoutMs, metadata: { operation: 'ping' } });
    } catch (error) {
      const mapped = this.mapError(error, undefined);
      if (mapped instanceof GraphUnavailableError) throw mapped;
      const message = mapped instanceof Error ? mapped.message : String(mapped);
      throw new GraphUnavailableError(`Neo4j at ${this.target.url} did not answer a ping: ${message}`, undefined, engineCode(mapped), {
        cause: error,
      });
    } finally {
      await session.close().catch(() => undefined);
    }
  }

  close(): Promise<void> {
    this.closing ??= this.driver.close();
    return this.closing;
  }

  private openSession(mode: AccessMode): Session {
    if (this.closing !== undefined) {
      throw new GraphUnavailableError(`The Neo4j engine for ${this.target.url} is closed`, undefined, undefined);
    }
    return this.driver.session({
      database: this.target.database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
    });
  }

  private wrap(tx: ManagedTransaction): GraphTransaction {
    return {
      run: async <R extends Row>(query: CypherQuery, params: Params = {}): Promise<R[]> => {
        let records;
        try {
          ({ records } = await tx.run(query.text, toNeo4jParams(params)));
        } catch (error) {
          // A retryable error must reach the driver as it is, or executeRead/Write will not retry.
          if (neo4j.isRetryableError(error)) {
            this.failedQuery.set(error as object, query.name);
            throw error;
          }
          throw this.mapError(error, query.name);
        }
        return records.map((record) => toPlainRow(record.toObject() as Record<string, unknown>, query.name) as R);
      },
    };
  }

  private mapError(error: unknown, queryName: string | undefined): unknown {
    const context: Neo4jErrorContext = {
      url: this.target.url,
      user: this.target.user,
      database: this.target.database,
      queryName,
    };
    return mapNeo4jError(error, context);
  }
}

function engineCode(error: unknown): string | undefined {
  return error instanceof GraphEngineError ? error.engineCode : undefined;
}
