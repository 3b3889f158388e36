import type { GraphEngine, GraphTransaction } from '../graph/graph-engine.port';
import { UniqueConstraintError } from '../graph/graph.errors';
import type { CypherQuery, QueryCatalogue } from '../graph/query-catalogue';
import { newEventId } from './event-id';
import { formatCursor } from './event-cursor';
import type { DomainEvent, DomainEventDraft } from './domain-event';
import { EVENT_LOG_NAME } from './event-log';
import type { EventPublisher } from './event-publisher';

/** Records a change's events inside the work of a write transaction. */
export type Emit = (draft: DomainEventDraft) => void;

/**
 * The one way services write: runs the work in a write transaction, appends the events
 * it emitted to the durable event log in that same transaction, and publishes them only
 * after the commit. A rolled-back change leaves neither data nor events. On Neo4j the work
 * may run more than once (transient-error retries): emitted drafts of a failed attempt
 * are discarded with it.
 *
 * Each event gets a unique id (ULID) and a cursor: its position in the log, reserved in
 * the same transaction from one counter node (event/next-sequence). The counter's write
 * lock is held until commit, so positions follow commit order even with several API
 * instances on one Neo4j, and stay dense (a rollback returns its positions). See
 * docs/events.md for why ULIDs alone cannot be cursors there.
 */
export class RecordedWrites {
  private readonly append: CypherQuery;
  private readonly nextSequence: CypherQuery;

  constructor(
    private readonly engine: GraphEngine,
    catalogue: QueryCatalogue,
    private readonly publisher: EventPublisher,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.append = catalogue.get('event/append');
    this.nextSequence = catalogue.get('event/next-sequence');
  }

  /**
   * @returns what `work` returned, once committed and published. When the commit lost a
   * race for a unique key (UniqueConstraintError: a concurrent transaction wrote the same
   * idempotency key or name first), the work runs once more: it then reads what the winner
   * wrote and answers as for a retry (the first record, or a typed CONFLICT) instead of
   * failing with an internal error.
   */
  async run<T>(operation: string, actor: string, work: (tx: GraphTransaction, emit: Emit) => Promise<T>): Promise<T> {
    try {
      return await this.runOnce(operation, actor, work);
    } catch (error) {
      if (!(error instanceof UniqueConstraintError)) throw error;
      return this.runOnce(operation, actor, work);
    }
  }

  private async runOnce<T>(operation: string, actor: string, work: (tx: GraphTransaction, emit: Emit) => Promise<T>): Promise<T> {
    const { result, events } = await this.engine.transaction('WRITE', operation, async (tx) => {
      const drafts: DomainEventDraft[] = [];
      const value = await work(tx, (draft) => drafts.push(draft));
      if (drafts.length === 0) return { result: value, events: [] as DomainEvent[] };
      // Reserved last, just before commit, so the counter's lock is held as briefly as possible.
      const [reserved] = await tx.run<{ last: number }>(this.nextSequence, { name: EVENT_LOG_NAME, count: drafts.length });
      const first = Number(reserved?.last ?? 0) - drafts.length + 1;
      const occurredAt = this.now().toISOString();
      const recorded = drafts.map((draft, i) => ({
        ...draft,
        id: newEventId(),
        seq: first + i,
        cursor: formatCursor(first + i),
        occurredAt,
        actor,
      }));
      await tx.run(this.append, {
        events: recorded.map((e) => ({
          id: e.id,
          seq: e.seq,
          cursor: e.cursor,
          type: e.type,
          occurredAt: e.occurredAt,
          actor: e.actor,
          subjectIds: e.subjectIds,
          payloadJson: JSON.stringify(e.payload),
        })),
      });
      return { result: value, events: recorded.map(({ seq: _seq, ...event }): DomainEvent => event) };
    });
    this.publisher.publish(events);
    return result;
  }
}
