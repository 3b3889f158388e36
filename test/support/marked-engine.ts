import type { AccessMode, GraphEngine, GraphTransaction, Params, Row } from '../../src/graph/graph-engine.port';
import type { CypherQuery } from '../../src/graph/query-catalogue';
import { CountingEngine } from './counting-engine';

/** What moves the mark: committed write transactions (the port's promise), or every transaction. */
export type MarkMoves = 'on-writes' | 'on-every-transaction';

/**
 * A CountingEngine around a real engine that also has the port's optional `writeMark`,
 * counted here: it moves after every committed write transaction (`on-writes`), or after
 * every transaction, reads included (`on-every-transaction`: a mark that breaks the promise,
 * as Grafeo 0.6's commit epoch does, which read transactions move too).
 *
 * `holdNext(name)` lets a test interleave deterministically: the next read of that query
 * fetches its rows from the engine, then waits until the test releases it.
 */
export class MarkedEngine extends CountingEngine {
  private commits = 0;
  private closed = false;
  private readonly holds = new Map<string, { fetched: () => void; released: Promise<void> }>();

  constructor(
    inner: GraphEngine,
    private readonly moves: MarkMoves = 'on-writes',
  ) {
    super(inner);
  }

  writeMark(): string | undefined {
    return this.closed ? undefined : String(this.commits);
  }

  /**
   * Holds the next read of `queryName` after it has read the engine.
   * @returns `fetched`, resolved once the rows are read, and `release`, which hands them over.
   */
  holdNext(queryName: string): { fetched: Promise<void>; release: () => void } {
    let release!: () => void;
    let fetched!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const fetchedPromise = new Promise<void>((resolve) => (fetched = resolve));
    this.holds.set(queryName, { fetched, released });
    return { fetched: fetchedPromise, release };
  }

  override async read<R extends Row = Row>(query: CypherQuery, params?: Params): Promise<R[]> {
    const rows = await super.read<R>(query, params);
    if (this.moves === 'on-every-transaction') this.commits += 1;
    const hold = this.holds.get(query.name);
    if (hold !== undefined) {
      this.holds.delete(query.name);
      hold.fetched();
      await hold.released;
    }
    return rows;
  }

  override async write<R extends Row = Row>(query: CypherQuery, params?: Params): Promise<R[]> {
    const rows = await super.write<R>(query, params);
    this.commits += 1;
    return rows;
  }

  override async transaction<T>(mode: AccessMode, operation: string, work: (tx: GraphTransaction) => Promise<T>): Promise<T> {
    const result = await super.transaction(mode, operation, work);
    if (mode === 'WRITE' || this.moves === 'on-every-transaction') this.commits += 1;
    return result;
  }

  override close(): Promise<void> {
    this.closed = true;
    return super.close();
  }
}
