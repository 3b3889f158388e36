import type { Logger } from '../logger';
import { CursorNotResumableError } from './cursor-expired.error';
import type { DomainEvent } from './domain-event';
import type { BusHealth, EventBus, Unsubscribe } from './event-bus.port';
import { formatCursor, parseCursor } from './event-cursor';
import type { EventLog, LogState } from './event-log';
import type { EventPublisher } from './event-publisher';
import { EventSubscription, type EventPredicate, type EventSubscriptionOptions } from './event-subscription';

export interface EventFeedOptions {
  /** How long an out-of-order event waits for the ones before it before they are read from the log, in ms; default 200. */
  gapWaitMs?: number;
  /** Most events a subscriber may have waiting before its subscription is ended as too slow; default 10,000. */
  maxBufferedPerSubscriber?: number;
  /** Replay page size (event/after-cursor LIMIT); default 500. */
  replayPageSize?: number;
  /**
   * How often the feed compares its position with the log's last position and reads what
   * it is missing, in ms; default 5,000; 0 disables. A safety net for events the pub/sub
   * never delivered while no later event arrived to reveal the gap (see docs/events.md).
   */
  catchUpIntervalMs?: number;
}

/**
 * The events of the whole system, in log order, for this instance's subscribers: the
 * pub/sub (`EventBus`) delivers fast but at most once and, across instances, possibly out
 * of order; the log positions are dense, so the feed holds back an event until the ones
 * before it arrived, and reads any that do not arrive within `gapWaitMs` (or were missed
 * while Redis was away) from the durable log. Every listener therefore sees each committed
 * event exactly once, in cursor order.
 *
 * `open(since, predicate)` is what a subscription uses: stored events after `since`, then
 * live ones, with no gap or duplicate across the switch.
 */
export class EventFeed implements EventPublisher {
  private readonly listeners = new Set<(event: DomainEvent) => void>();
  private readonly pending = new Map<number, DomainEvent>();
  private readonly gapWaitMs: number;
  private readonly subscriptionOptions: EventSubscriptionOptions;
  /** The position of the last event passed to listeners; undefined until started. */
  private delivered: number | undefined;
  private gapTimer: NodeJS.Timeout | undefined;
  private catchUpTimer: NodeJS.Timeout | undefined;
  private readonly catchUpIntervalMs: number;
  private filling = false;
  private readonly unsubscribeBus: Unsubscribe;
  private readonly unsubscribeRecovered: Unsubscribe | undefined;
  private closed = false;

  constructor(
    private readonly bus: EventBus,
    readonly log: EventLog,
    private readonly logger: Logger,
    options: EventFeedOptions = {},
  ) {
    this.gapWaitMs = options.gapWaitMs ?? 200;
    this.catchUpIntervalMs = options.catchUpIntervalMs ?? 5_000;
    this.subscriptionOptions = {
      maxBuffered: options.maxBufferedPerSubscriber ?? 10_000,
      replayPageSize: options.replayPageSize ?? 500,
    };
    this.unsubscribeBus = bus.subscribe((event) => this.receive(event));
    this.unsubscribeRecovered = bus.onRecovered?.(() => void this.fillGap());
  }

  /** Reads the log's last position so that live delivery starts right after it. Call once before serving. */
  async start(): Promise<void> {
    const { lastSeq, logId } = await this.log.ensure();
    await this.bus.join?.(logId);
    this.delivered = Math.max(this.delivered ?? 0, lastSeq);
    if (this.catchUpIntervalMs > 0 && this.catchUpTimer === undefined && !this.closed) {
      this.catchUpTimer = setInterval(() => void this.fillGap(), this.catchUpIntervalMs);
      this.catchUpTimer.unref();
    }
  }

  /** Publishes committed events (RecordedWrites calls this after the commit). */
  publish(events: readonly DomainEvent[]): void {
    this.bus.publish(events);
  }

  /** Calls `listener` with every committed event from now on, once each, in cursor order. */
  subscribe(listener: (event: DomainEvent) => void): Unsubscribe {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The position of the last event delivered live (0 before any). */
  get position(): number {
    return this.delivered ?? 0;
  }

  /**
   * A subscription to the events matching `predicate`: when `since` is given, the stored
   * ones after it first, then live ones. Checks the cursor at once.
   * @throws CursorNotResumableError when `since` is malformed, unknown, or older than the retention.
   */
  async open(since: string | null, predicate: EventPredicate): Promise<EventSubscription> {
    const subscription = new EventSubscription(this, predicate, this.subscriptionOptions);
    try {
      if (since !== null) {
        const after = await this.resumePoint(since);
        // Live events buffered from here on start after `position`; the log fills the rest.
        subscription.replay(after, this.position);
      }
      return subscription;
    } catch (error) {
      await subscription.return();
      throw error;
    }
  }

  /** The log's positions (for checks and diagnostics). */
  state(): Promise<LogState> {
    return this.log.state();
  }

  health(): BusHealth {
    return this.bus.health();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.gapTimer) clearTimeout(this.gapTimer);
    if (this.catchUpTimer) clearInterval(this.catchUpTimer);
    this.unsubscribeBus();
    this.unsubscribeRecovered?.();
    this.listeners.clear();
    await this.bus.close();
  }

  private async resumePoint(since: string): Promise<number> {
    const seq = parseCursor(since);
    const state = await this.log.state();
    const oldest = formatCursor(state.prunedThrough);
    if (seq === null || seq > Math.max(state.lastSeq, this.position)) throw new CursorNotResumableError('CURSOR_UNKNOWN', since, oldest);
    if (seq < state.prunedThrough) throw new CursorNotResumableError('CURSOR_EXPIRED', since, oldest);
    return seq;
  }

  private receive(event: DomainEvent): void {
    if (this.closed) return;
    const seq = parseCursor(event.cursor);
    if (seq === null) {
      this.logger.warn({ eventId: event.id, cursor: event.cursor }, 'ignoring an event without a log position');
      return;
    }
    // Before start() nobody listens, and start() begins after the log's last position.
    if (this.delivered === undefined || seq <= this.delivered) return;
    this.pending.set(seq, event);
    this.drain();
  }

  /** Delivers pending events while the next position is there; waits (then reads the log) on a gap. */
  private drain(): void {
    if (this.delivered === undefined) return;
    for (let next = this.delivered + 1, event = this.pending.get(next); event !== undefined; next += 1, event = this.pending.get(next)) {
      this.pending.delete(next);
      this.delivered = next;
      for (const listener of this.listeners) {
        try {
          listener(event);
        } catch (error) {
          this.logger.error({ err: error, eventId: event.id }, 'event listener failed');
        }
      }
    }
    if (this.pending.size > 0 && this.gapTimer === undefined) {
      this.gapTimer = setTimeout(() => {
        this.gapTimer = undefined;
        void this.fillGap();
      }, this.gapWaitMs);
      this.gapTimer.unref();
    }
  }

  /** Reads the events between the last delivered and the highest known position from the log. */
  private async fillGap(): Promise<void> {
    if (this.filling || this.closed || this.delivered === undefined) return;
    this.filling = true;
    try {
      const from = this.delivered;
      const until = Math.max(...this.pending.keys(), (await this.log.state()).lastSeq);
      if (until <= from) return;
      for await (const event of this.log.range(from, until, this.subscriptionOptions.replayPageSize)) {
        const { seq: _seq, ...domainEvent } = event;
        this.receive(domainEvent);
      }
      if (this.pending.size > 0 && this.delivered === from) {
        // A position below the pending ones is not in the log (pruned, or never committed): move on.
        const skipTo = Math.min(...this.pending.keys()) - 1;
        this.logger.warn({ from, skipTo }, 'event log positions missing; skipping them');
        this.delivered = skipTo;
        this.drain();
      }
    } catch (error) {
      this.logger.error({ err: error }, 'could not read missed events from the event log; retrying');
      if (this.pending.size > 0) this.drain();
    } finally {
      this.filling = false;
    }
  }
}
