import type { GraphEngine, GraphTransaction } from '../graph/graph-engine.port';
import type { CypherQuery, QueryCatalogue } from '../graph/query-catalogue';
import { newEventId } from './event-id';
import type { DomainEvent, DomainEventDraft } from './domain-event';
import type { EventPublisher } from './event-publisher';

/** Records a change's events inside the work of a write transaction. */
export type Emit = (draft: DomainEventDraft) => void;

/**
 * The one way services write: runs the work in a write transaction, appends the events
 * it emitted to the durable event log in that same transaction, and publishes them only
 * after the commit. A rolled-back change leaves neither data nor events. On Neo4j the work
 * may run more than once (transient-error retries): emitted drafts of a failed attempt
 * are discarded with it.
 */
export class RecordedWrites {
  private readonly append: CypherQuery;

  constructor(
    private readonly engine: GraphEngine,
    catalogue: QueryCatalogue,
    private readonly publisher: EventPublisher,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.append = catalogue.get('event/append');
  }

  /** @returns what `work` returned, once committed and published. */
  async run<T>(operation: string, actor: string, work: (tx: GraphTransaction, emit: Emit) => Promise<T>): Promise<T> {
    const { result, events } = await this.engine.transaction('WRITE', operation, async (tx) => {
      const drafts: DomainEventDraft[] = [];
      const value = await work(tx, (draft) => drafts.push(draft));
      const occurredAt = this.now().toISOString();
      const recorded: DomainEvent[] = drafts.map((draft) => {
        const id = newEventId();
        return { ...draft, id, cursor: id, occurredAt, actor };
      });
      if (recorded.length > 0) {
        await tx.run(this.append, {
          events: recorded.map((e) => ({
            id: e.id,
            cursor: e.cursor,
            type: e.type,
            occurredAt: e.occurredAt,
            actor: e.actor,
            subjectIds: e.subjectIds,
            payloadJson: JSON.stringify(e.payload),
          })),
        });
      }
      return { result: value, events: recorded };
    });
    this.publisher.publish(events);
    return result;
  }
}
