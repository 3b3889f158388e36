/**
 * The port every graph engine implements: run named Cypher from `cypher/` in a read or
 * write transaction and get plain JavaScript rows back (numbers, strings, booleans,
 * ISO-8601 strings for temporals, arrays, plain objects; never driver types).
 */
import type { CypherQuery } from './query-catalogue';

export type AccessMode = 'READ' | 'WRITE';
export type Params = Readonly<Record<string, unknown>>;
export type Row = Record<string, unknown>;

/** Statements inside one transaction. */
export interface GraphTransaction {
  run<R extends Row = Row>(query: CypherQuery, params?: Params): Promise<R[]>;
}

export type EngineKind = 'grafeo' | 'neo4j';

export interface GraphEngine {
  readonly kind: EngineKind;
  /** Runs one statement in its own read transaction. */
  read<R extends Row = Row>(query: CypherQuery, params?: Params): Promise<R[]>;
  /** Runs one statement in its own write transaction. */
  write<R extends Row = Row>(query: CypherQuery, params?: Params): Promise<R[]>;
  /**
   * Runs `work` in one transaction that commits when it resolves and rolls back when it
   * throws (the error is rethrown). On Neo4j the work may be retried after a transient
   * error, so it must be idempotent and must not publish anything: publish after commit.
   * `operation` names the transaction in logs and metrics.
   */
  transaction<T>(mode: AccessMode, operation: string, work: (tx: GraphTransaction) => Promise<T>): Promise<T>;
  /** Applies idempotent schema statements (indexes, constraints). */
  applySchema(statements: readonly CypherQuery[]): Promise<void>;
  /** Resolves when the engine answers a trivial query; rejects with GraphUnavailableError. */
  ping(): Promise<void>;
  /**
   * Optional, without I/O: a mark that changes whenever a write transaction commits. Only an
   * engine whose data this process alone writes has it (the embedded engine holds its file
   * locked); views kept in memory (the entity cache, the topology index) compare it to know
   * they are still exact, and read the event log only when it moved. Undefined while the
   * engine is not connected, and always on Neo4j, which other processes write too.
   */
  writeMark?(): string | undefined;
  /** Flushes and releases the engine. Safe to call twice. */
  close(): Promise<void>;
}
