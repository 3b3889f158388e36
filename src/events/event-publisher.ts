import type { DomainEvent } from './domain-event';

/**
 * Fans committed events out to subscribers. Called only after the transaction that
 * wrote them has committed; never inside a transaction (Neo4j may retry those).
 */
export interface EventPublisher {
  publish(events: readonly DomainEvent[]): void;
}
