import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { GrafeoDB, type GrafeoError, type Transaction } from '@grafeo-db/js';
import type { AccessMode, GraphEngine, GraphTransaction, Params, Row } from '../graph-engine.port';
import { GraphEngineError, GraphUnavailableError, WriteConflictError } from '../graph.errors';
import type { CypherQuery } from '../query-catalogue';
import { WriteLock } from './write-lock';

/** GQLSTATUS class 40: transaction rollback (Grafeo's write-write conflict is 40000). */
const CONFLICT_STATUS = /^40/;

/**
 * The embedded engine (`@grafeo-db/js`). `path` null keeps the graph in memory.
 * Write transactions are serialised (see WriteLock); reads run concurrently on snapshots.
 */
export class GrafeoEngine implements GraphEngine {
  readonly kind = 'grafeo' as const;
  private readonly db: GrafeoDB;
  private readonly writes = new WriteLock();
  private closed = false;
  private writeCommits = 0;

  /** @throws GraphUnavailableError when the database cannot be opened (e.g. locked by another process). */
  constructor(readonly path: string | null) {
    try {
      if (path === null) {
        this.db = GrafeoDB.create();
      } else {
        mkdirSync(dirname(path), { recursive: true });
        this.db = GrafeoDB.create(path);
      }
    } catch (error) {
      const reason = /lock/i.test(String(error))
        ? 'it is locked: is another xrm-graph process using it?'
        : String((error as Error).message ?? error);
      throw new GraphUnavailableError(
        `Cannot open the embedded graph database at ${path ?? 'memory'}: ${reason}`,
        undefined,
        (error as GrafeoError).gqlStatus,
        { cause: error },
      );
    }
  }

  /** The native database, for the native traversal (grafeo.traversal.ts); reads only. */
  get database(): GrafeoDB {
    this.assertOpen();
    return this.db;
  }

  read<R extends Row = Row>(query: CypherQuery, params: Params = {}): Promise<R[]> {
    return this.transaction('READ', query.name, (tx) => tx.run<R>(query, params));
  }

  write<R extends Row = Row>(query: CypherQuery, params: Params = {}): Promise<R[]> {
    return this.transaction('WRITE', query.name, (tx) => tx.run<R>(query, params));
  }

  async transaction<T>(mode: AccessMode, _operation: string, work: (tx: GraphTransaction) => Promise<T>): Promise<T> {
    this.assertOpen();
    if (mode === 'READ') return this.inTransaction(work);
    return this.writes.withLock(async () => {
      try {
        return await this.inTransaction(work);
      } finally {
        // Counted even when the work failed: a failed commit may still have written (conservative).
        this.writeCommits += 1;
      }
    });
  }

  async applySchema(statements: readonly CypherQuery[]): Promise<void> {
    for (const statement of statements) await this.write(statement);
  }

  /**
   * Write transactions that reached their commit, counted here: Grafeo's own epoch moves on
   * every commit, read-only transactions included, so it would tell a reader of the event
   * log that something changed each time it looked.
   */
  writeMark(): string | undefined {
    return this.closed ? undefined : String(this.writeCommits);
  }

  /** The embedded engine is reachable exactly while it is open. */
  ping(): Promise<void> {
    return this.closed ? Promise.reject(closedError()) : Promise.resolve();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // Let the writer in progress finish before the file is closed.
    await this.writes.withLock(() => Promise.resolve(this.db.close()));
  }

  private async inTransaction<T>(work: (tx: GraphTransaction) => Promise<T>): Promise<T> {
    const native = this.db.beginTransaction();
    const tx: GraphTransaction = {
      run: async <R extends Row>(query: CypherQuery, params: Params = {}) => runIn<R>(native, query, params),
    };
    try {
      const result = await work(tx);
      native.commit();
      return result;
    } catch (error) {
      if (native.isActive) native.rollback();
      throw error;
    }
  }

  private assertOpen(): void {
    if (this.closed) throw closedError();
  }
}

function closedError(): GraphUnavailableError {
  return new GraphUnavailableError('The embedded graph database is closed', undefined, undefined);
}

async function runIn<R extends Row>(tx: Transaction, query: CypherQuery, params: Params): Promise<R[]> {
  try {
    const result = await tx.executeCypher(query.text, params);
    return result.toArray().map((row) => toPlain(row) as R);
  } catch (error) {
    throw mapError(error, query.name);
  }
}

function mapError(error: unknown, queryName: string): GraphEngineError {
  const status = (error as GrafeoError).gqlStatus;
  const message = `Grafeo failed on query "${queryName}": ${(error as Error).message ?? String(error)}`;
  if (status !== undefined && CONFLICT_STATUS.test(status)) {
    return new WriteConflictError(message, queryName, status, { cause: error });
  }
  return new GraphEngineError(message, queryName, status, { cause: error });
}

/**
 * Grafeo already returns plain values; only bigints need narrowing where they are safe.
 * Rows are fresh objects of this call, so they are narrowed in place: rebuilding every row
 * and map (`Object.fromEntries`) cost about a fifth of an entity batch's read time.
 */
function toPlain(value: unknown): unknown {
  if (typeof value === 'bigint') {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : value;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item === 'bigint' || (typeof item === 'object' && item !== null)) value[i] = toPlain(item);
    }
    return value;
  }
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const record = value as Record<string, unknown>;
    for (const key in record) {
      const item = record[key];
      if (typeof item === 'bigint' || (typeof item === 'object' && item !== null)) record[key] = toPlain(item);
    }
    return record;
  }
  return value;
}
