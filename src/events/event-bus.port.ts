import type { DomainEvent } from './domain-event';
import type { EventPublisher } from './event-publisher';

/** Stops a subscription to a bus. */
export type Unsubscribe = () => void;

/** How the fan-out is doing, for /readyz: `degraded` keeps serving local subscribers. */
export interface BusHealth {
  status: 'ok' | 'degraded';
  /** What is wrong, for operators (never secrets). */
  detail?: string;
}

/**
 * The pub/sub port: committed events in, every subscriber of every instance out.
 * Adapters: InProcessEventBus (one process) and RedisEventBus (several instances).
 * Delivery is at most once and may reorder events from different instances; the
 * OrderedEventStream above it restores log order and fills gaps from the event log.
 */
export interface EventBus extends EventPublisher {
  /** Calls `listener` for each event published from now on (by this or, through the bus, another instance). */
  subscribe(listener: (event: DomainEvent) => void): Unsubscribe;
  health(): BusHealth;
  /**
   * Restricts the bus to the instances sharing the event log `logId` (one per database),
   * so deployments on different databases never mix their events. Called once at start.
   */
  join?(logId: string): Promise<void>;
  /** Calls `listener` whenever the bus reconnects after an outage (remote events may have been missed). */
  onRecovered?(listener: () => void): Unsubscribe;
  /** Releases connections; publishing after close is a no-op. */
  close(): Promise<void>;
}
