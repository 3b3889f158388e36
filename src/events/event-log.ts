import { randomUUID } from 'node:crypto';
import type { GraphEngine } from '../graph/graph-engine.port';
import type { CypherQuery, QueryCatalogue } from '../graph/query-catalogue';
import type { DomainEvent, DomainEventType } from './domain-event';

/** The name of the product's event log (the `EventLog` bookkeeping node). */
export const EVENT_LOG_NAME = 'domain-events';

/** A stored event with its position in the log. */
export interface LoggedEvent extends DomainEvent {
  seq: number;
}

/** The log's bookkeeping: the last position handed out, and the last pruned (0: none). */
export interface LogState {
  lastSeq: number;
  prunedThrough: number;
}

interface EventRow extends Record<string, unknown> {
  id: string;
  seq: number;
  cursor: string;
  type: string;
  actor: string;
  subjectIds: string[];
  payloadJson: string;
  occurredAt: string;
}

/**
 * Reads and prunes the durable event log (the outbox of RecordedWrites): `(:DomainEvent)`
 * nodes with a dense position `seq`, and one `(:EventLog)` node counting positions.
 */
export class EventLog {
  private readonly queries: Record<'ensure' | 'state' | 'after' | 'lastOlderThan' | 'markPruned' | 'prune', CypherQuery>;

  constructor(
    private readonly engine: GraphEngine,
    catalogue: QueryCatalogue,
  ) {
    this.queries = {
      ensure: catalogue.get('event/ensure-log'),
      state: catalogue.get('event/log-state'),
      after: catalogue.get('event/after-cursor'),
      lastOlderThan: catalogue.get('event/last-older-than'),
      markPruned: catalogue.get('event/mark-pruned'),
      prune: catalogue.get('event/prune'),
    };
  }

  /** Creates the log's bookkeeping when missing; returns its positions and its id. */
  async ensure(): Promise<LogState & { logId: string }> {
    const [row] = await this.engine.write<{ lastSeq: number; prunedThrough: number; logId: string }>(this.queries.ensure, {
      name: EVENT_LOG_NAME,
      logId: randomUUID(),
    });
    if (row === undefined) throw new Error('event/ensure-log returned no row');
    return { lastSeq: Number(row.lastSeq), prunedThrough: Number(row.prunedThrough), logId: row.logId };
  }

  /** The log's positions; zeros while nothing was ever logged. */
  async state(): Promise<LogState> {
    const [row] = await this.engine.read<{ lastSeq: number | null; prunedThrough: number | null }>(this.queries.state, {
      name: EVENT_LOG_NAME,
    });
    return { lastSeq: Number(row?.lastSeq ?? 0), prunedThrough: Number(row?.prunedThrough ?? 0) };
  }

  /** Up to `limit` events with `after < seq <= until`, in log order. */
  async page(after: number, until: number, limit: number): Promise<LoggedEvent[]> {
    const rows = await this.engine.read<EventRow>(this.queries.after, { after, until, limit });
    return rows.map(toEvent);
  }

  /** Every event with `after < seq <= until`, read a page at a time. */
  async *range(after: number, until: number, pageSize = 500): AsyncGenerator<LoggedEvent> {
    let from = after;
    for (;;) {
      const page = await this.page(from, until, pageSize);
      for (const event of page) yield event;
      const last = page[page.length - 1];
      if (page.length < pageSize || last === undefined) return;
      from = last.seq;
    }
  }

  /**
   * Deletes the events that occurred before `before`, in batches; records the highest
   * pruned position first, so a `since` at or below it is refused rather than replayed
   * with holes. @returns how many events were deleted.
   */
  async prune(before: Date, batchSize = 1_000): Promise<number> {
    const [row] = await this.engine.read<{ through: number | null }>(this.queries.lastOlderThan, { before: before.toISOString() });
    const through = row?.through;
    if (through === null || through === undefined) return 0;
    await this.engine.write(this.queries.markPruned, { name: EVENT_LOG_NAME, through: Number(through) });
    let deleted = 0;
    for (;;) {
      const [result] = await this.engine.write<{ deleted: number }>(this.queries.prune, { through: Number(through), limit: batchSize });
      const n = Number(result?.deleted ?? 0);
      deleted += n;
      if (n < batchSize) return deleted;
    }
  }
}

function toEvent(row: EventRow): LoggedEvent {
  return {
    id: row.id,
    seq: Number(row.seq),
    cursor: row.cursor,
    type: row.type as DomainEventType,
    actor: row.actor,
    subjectIds: row.subjectIds,
    payload: JSON.parse(row.payloadJson) as Record<string, unknown>,
    occurredAt: row.occurredAt,
  };
}
