import { EventEmitter } from 'node:events';
import type { DomainEvent } from './domain-event';
import type { BusHealth, EventBus, Unsubscribe } from './event-bus.port';

const CHANNEL = 'event';

/** The default fan-out: subscribers in this process only. */
export class InProcessEventBus implements EventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    // Every subscription is a listener; thousands are expected, not a leak.
    this.emitter.setMaxListeners(0);
  }

  publish(events: readonly DomainEvent[]): void {
    for (const event of events) this.emitter.emit(CHANNEL, event);
  }

  /** Calls `listener` for every event published from now on; returns the unsubscribe function. */
  subscribe(listener: (event: DomainEvent) => void): Unsubscribe {
    this.emitter.on(CHANNEL, listener);
    return () => this.emitter.off(CHANNEL, listener);
  }

  health(): BusHealth {
    return { status: 'ok' };
  }

  close(): Promise<void> {
    this.emitter.removeAllListeners();
    return Promise.resolve();
  }
}
