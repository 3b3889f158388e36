import type { AccessMode, EngineKind, GraphEngine, GraphTransaction, Params, Row } from './graph-engine.port';
import type { CypherQuery } from './query-catalogue';

/** Receives the duration of each statement: its query name, access mode, seconds, and whether it failed. */
export type QueryObserver = (query: string, mode: AccessMode, seconds: number, failed: boolean) => void;

/**
 * A GraphEngine decorator that times every statement by its query name (for the
 * `xrm_graph_query_duration_seconds` metric) and otherwise delegates unchanged.
 */
export class InstrumentedEngine implements GraphEngine {
  constructor(
    private readonly inner: GraphEngine,
    private readonly observe: QueryObserver,
  ) {}

  get kind(): EngineKind {
    return this.inner.kind;
  }

  /** The engine this one times (to reach an engine's native capabilities, see traversal.port.ts). */
  get unwrapped(): GraphEngine {
    return this.inner;
  }

  read<R extends Row = Row>(query: CypherQuery, params?: Params): Promise<R[]> {
    return this.timed(query, 'READ', () => this.inner.read<R>(query, params));
  }

  write<R extends Row = Row>(query: CypherQuery, params?: Params): Promise<R[]> {
    return this.timed(query, 'WRITE', () => this.inner.write<R>(query, params));
  }

  transaction<T>(mode: AccessMode, operation: string, work: (tx: GraphTransaction) => Promise<T>): Promise<T> {
    return this.inner.transaction(mode, operation, (tx) =>
      work({ run: <R extends Row = Row>(query: CypherQuery, params?: Params) => this.timed(query, mode, () => tx.run<R>(query, params)) }),
    );
  }

  applySchema(statements: readonly CypherQuery[]): Promise<void> {
    return this.inner.applySchema(statements);
  }

  writeMark(): string | undefined {
    return this.inner.writeMark?.();
  }

  ping(): Promise<void> {
    return this.inner.ping();
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private async timed<T>(query: CypherQuery, mode: AccessMode, run: () => Promise<T>): Promise<T> {
    const start = process.hrtime.bigint();
    let failed = false;
    try {
      return await run();
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      this.observe(query.name, mode, Number(process.hrtime.bigint() - start) / 1e9, failed);
    }
  }
}
