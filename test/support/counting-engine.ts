import type { AccessMode, GraphEngine, GraphTransaction, Params, Row } from '../../src/graph/graph-engine.port';
import type { CypherQuery } from '../../src/graph/query-catalogue';

/**
 * Wraps a real engine and counts the statements sent to it, by query name, so tests can
 * assert how many engine round trips an operation costs (N+1 detection).
 */
export class CountingEngine implements GraphEngine {
  readonly calls: string[] = [];

  constructor(private readonly inner: GraphEngine) {}

  get kind() {
    return this.inner.kind;
  }

  /** Forgets the calls counted so far. */
  reset(): void {
    this.calls.length = 0;
  }

  read<R extends Row = Row>(query: CypherQuery, params?: Params): Promise<R[]> {
    this.calls.push(query.name);
    return this.inner.read<R>(query, params);
  }

  write<R extends Row = Row>(query: CypherQuery, params?: Params): Promise<R[]> {
    this.calls.push(query.name);
    return this.inner.write<R>(query, params);
  }

  transaction<T>(mode: AccessMode, operation: string, work: (tx: GraphTransaction) => Promise<T>): Promise<T> {
    return this.inner.transaction(mode, operation, (tx) =>
      work({
        run: <R extends Row>(query: CypherQuery, params?: Params) => {
          this.calls.push(query.name);
          return tx.run<R>(query, params);
        },
      }),
    );
  }

  applySchema(statements: readonly CypherQuery[]): Promise<void> {
    return this.inner.applySchema(statements);
  }

  ping(): Promise<void> {
    return this.inner.ping();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
