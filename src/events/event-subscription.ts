import { CursorNotResumableError } from './cursor-expired.error';
import type { DomainEvent } from './domain-event';
import type { Unsubscribe } from './event-bus.port';
import { formatCursor, parseCursor } from './event-cursor';
import type { EventLog } from './event-log';
import { SubscriberTooSlowError } from './subscriber-too-slow.error';

/** Decides whether a subscriber wants an event; may look things up (e.g. a network). */
export type EventPredicate = (event: DomainEvent) => boolean | Promise<boolean>;

export interface EventSubscriptionOptions {
  maxBuffered: number;
  replayPageSize: number;
}

/**
 * A delivery still under way: `then` is called once, with what to call when it is done or
 * failed. A promise is one; so is a lighter object that many deliveries waiting for the
 * same thing can share one callback through (shared-execution.ts).
 */
export interface PendingDelivery {
  then(onDelivered: () => void, onFailed: (error: unknown) => void): unknown;
}

/**
 * Where a subscription in push mode (`consume`) hands its events. `next` is called with
 * each matching event in order; a returned pending delivery holds back the next event
 * until it is done (events meanwhile wait in the subscriber's buffer, which ends a
 * too-slow subscriber as in iterator mode). `end` is called once: without an error when
 * the subscription was returned, with the error that ended it otherwise (too slow, cursor
 * expired during replay, a failed read or delivery).
 */
export interface EventSink {
  next(event: DomainEvent): void | PendingDelivery;
  end(error?: Error): void;
}

/** The part of EventFeed a subscription needs. */
export interface EventSource {
  readonly log: EventLog;
  subscribe(listener: (event: DomainEvent) => void): Unsubscribe;
}

/**
 * One subscriber's events, as an async iterator: first the stored events of a replay
 * range (read a page at a time), then the live events it buffered meanwhile, skipping any
 * at or below the last one replayed. It listens to the feed from construction on, so
 * nothing published during the replay is lost. `return()` stops it at once, even while a
 * `next()` is waiting.
 *
 * Push mode (`consume(sink)`, instead of `next()`): the same sequence, handed to a sink.
 * Once the replay and the buffer are through, a live event whose predicate answers
 * synchronously goes to the sink synchronously from the feed's dispatch, with no promise
 * or iterator result per delivery (the fan-out path of the WebSocket transport).
 */
export class EventSubscription implements AsyncIterableIterator<DomainEvent> {
  private readonly queue: DomainEvent[] = [];
  private readonly unsubscribe: Unsubscribe;
  private waiter: ((result: IteratorResult<DomainEvent>) => void) | undefined;
  private replayRange: { after: number; until: number } | undefined;
  private replayPage: DomainEvent[] = [];
  /** Live events at or below this position were (or will be) replayed. */
  private skipThrough = 0;
  private lastCursor: string | null = null;
  /** The position resumed from (for the error when pruning overtakes the replay). */
  private since = 0;
  private failure: Error | undefined;
  private done = false;
  /** Push mode: the sink, and whether the async pump (replay, buffer, a pending delivery) owns delivery right now. */
  private sink: EventSink | undefined;
  private pumping = false;
  private sinkEnded = false;

  constructor(
    private readonly source: EventSource,
    private readonly predicate: EventPredicate,
    private readonly options: EventSubscriptionOptions,
  ) {
    this.unsubscribe = source.subscribe((event) => this.push(event));
  }

  /** Replays the stored events with `after < position <= until` before the live ones. */
  replay(after: number, until: number): void {
    this.since = after;
    this.skipThrough = after;
    if (until > after) this.replayRange = { after, until };
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /**
   * Push mode: hands every event (replayed, then live) to `sink` instead of `next()`;
   * call once, and do not call `next()` afterwards. `return()` still ends it (the sink's
   * `end` is then called without an error).
   */
  consume(sink: EventSink): void {
    if (this.sink) throw new Error('EventSubscription.consume called twice');
    this.sink = sink;
    if (this.done) {
      this.endSink(this.failure);
      return;
    }
    this.pumping = true;
    void this.pump();
  }

  async next(): Promise<IteratorResult<DomainEvent>> {
    while (!this.done) {
      const event = this.replayRange ? await this.nextReplayed() : await this.nextLive();
      if (event === undefined) continue;
      if (this.done) break;
      this.lastCursor = event.cursor;
      // Most predicates answer synchronously: skip the extra microtask of awaiting a boolean.
      const verdict = this.predicate(event);
      if (verdict === true || (verdict !== false && (await verdict))) return { value: event, done: false };
    }
    if (this.failure) {
      const failure = this.failure;
      this.failure = undefined;
      throw failure;
    }
    return { value: undefined, done: true };
  }

  return(): Promise<IteratorResult<DomainEvent>> {
    this.finish();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error: unknown): Promise<IteratorResult<DomainEvent>> {
    this.finish();
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }

  /** Push mode, slow path: the replay, then the buffer, one delivery at a time; gives delivery back to `push` when the buffer is empty. */
  private async pump(): Promise<void> {
    try {
      while (!this.done) {
        let delivery: void | PendingDelivery;
        if (this.replayRange) {
          const event = await this.nextReplayed();
          if (event === undefined || this.done) continue;
          delivery = this.deliver(event);
        } else {
          const event = this.queue.shift();
          if (event === undefined) break;
          delivery = this.deliverLive(event);
        }
        if (delivery) await settled(delivery);
      }
    } catch (error) {
      this.pumping = false;
      this.finish(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    this.pumping = false;
    if (this.done) this.endSink(this.failure);
  }

  /** Push mode: a delivery that went asynchronous settled; the pump takes over only when events queued meanwhile. */
  private readonly delivered = (): void => {
    if (this.queue.length > 0 && !this.done) {
      void this.pump();
      return;
    }
    this.pumping = false;
    if (this.done) this.endSink(this.failure);
  };

  private readonly deliveryFailed = (error: unknown): void => {
    this.pumping = false;
    this.finish(error instanceof Error ? error : new Error(String(error)));
  };

  /** A live event in push mode: skipped when replayed already, else delivered like a replayed one. */
  private deliverLive(event: DomainEvent): void | PendingDelivery {
    const seq = parseCursor(event.cursor);
    if (seq !== null && seq <= this.skipThrough) return undefined;
    return this.deliver(event);
  }

  /** Push mode: the predicate, then the sink; something pending when either answers asynchronously. */
  private deliver(event: DomainEvent): void | PendingDelivery {
    this.lastCursor = event.cursor;
    const verdict = this.predicate(event);
    if (verdict === false) return undefined;
    if (verdict === true) return this.sink?.next(event);
    return verdict.then((matches) => (matches && !this.done ? settled(this.sink?.next(event)) : undefined));
  }

  private async nextReplayed(): Promise<DomainEvent | undefined> {
    const range = this.replayRange;
    if (range === undefined) return undefined;
    if (this.replayPage.length === 0) {
      const page = range.after < range.until ? await this.source.log.page(range.after, range.until, this.options.replayPageSize) : [];
      await this.checkNothingPruned(range.after, range.until, page);
      const last = page[page.length - 1];
      if (last === undefined) {
        this.replayRange = undefined; // replay done: live events from here on
        return undefined;
      }
      range.after = last.seq;
      this.replayPage = page.map(({ seq: _seq, ...event }) => event);
    }
    const event = this.replayPage.shift();
    if (event !== undefined) this.skipThrough = parseCursor(event.cursor) ?? this.skipThrough;
    return event;
  }

  /**
   * Positions are dense, so a page must continue at `after + 1` without holes (and be
   * non-empty while `after < until`). A hole means retention pruning deleted events this
   * subscriber has not replayed yet (pruning records `prunedThrough` before deleting):
   * end the subscription with CURSOR_EXPIRED (resync) rather than skip them silently.
   * A hole that is not explained by pruning (events from before positions existed) is
   * left as it is.
   */
  private async checkNothingPruned(after: number, until: number, page: readonly { seq: number }[]): Promise<void> {
    if (after >= until) return;
    const hole = page.findIndex((event, i) => event.seq !== after + 1 + i);
    if (page.length > 0 && hole === -1) return;
    const missing = after + 1 + Math.max(0, hole);
    const { prunedThrough } = await this.source.log.state();
    if (prunedThrough < missing) return;
    const error = new CursorNotResumableError('CURSOR_EXPIRED', formatCursor(this.since), formatCursor(prunedThrough));
    this.finish(error);
    throw error;
  }

  private async nextLive(): Promise<DomainEvent | undefined> {
    let event = this.queue.shift();
    if (event === undefined) {
      const woken = await new Promise<IteratorResult<DomainEvent>>((resolve) => (this.waiter = resolve));
      event = woken.done ? undefined : woken.value;
    }
    if (event === undefined) return undefined;
    const seq = parseCursor(event.cursor);
    return seq !== null && seq <= this.skipThrough ? undefined : event;
  }

  private push(event: DomainEvent): void {
    if (this.done) return;
    if (this.sink && !this.pumping) {
      // Push mode, fast path: nothing ahead of this event, so it goes to the sink now.
      try {
        const delivery = this.deliverLive(event);
        if (delivery) {
          this.pumping = true;
          delivery.then(this.delivered, this.deliveryFailed);
        }
      } catch (error) {
        this.finish(error instanceof Error ? error : new Error(String(error)));
      }
      return;
    }
    if (this.waiter) {
      const wake = this.waiter;
      this.waiter = undefined;
      wake({ value: event, done: false });
      return;
    }
    if (this.queue.length >= this.options.maxBuffered) {
      this.failure = new SubscriberTooSlowError(this.options.maxBuffered, this.lastCursor);
      this.finish(this.failure);
      return;
    }
    this.queue.push(event);
  }

  /** Ends the subscription; in push mode also the sink, with `error` (what ended it) or, once a pending delivery settled, without. */
  private finish(error?: Error): void {
    if (!this.done) {
      this.done = true;
      this.queue.length = 0;
      this.replayPage = [];
      this.unsubscribe();
      const wake = this.waiter;
      this.waiter = undefined;
      wake?.({ value: undefined, done: true });
    }
    // An error ends the sink at once (its messages are queued behind the delivered ones);
    // a plain return while the pump is busy lets the pump end it when the delivery settled.
    if (this.sink && (error !== undefined || !this.pumping)) this.endSink(error);
  }

  private endSink(error: Error | undefined): void {
    if (this.sinkEnded || !this.sink) return;
    this.sinkEnded = true;
    this.sink.end(error);
  }
}

/** A pending delivery as a promise (for `await`); nothing to wait for when there is none. */
function settled(delivery: void | PendingDelivery): Promise<void> | undefined {
  if (!delivery) return undefined;
  return new Promise<void>((resolve, reject) => void delivery.then(resolve, reject));
}
