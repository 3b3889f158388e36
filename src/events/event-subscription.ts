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
    this.finish();
    throw new CursorNotResumableError('CURSOR_EXPIRED', formatCursor(this.since), formatCursor(prunedThrough));
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
    if (this.waiter) {
      const wake = this.waiter;
      this.waiter = undefined;
      wake({ value: event, done: false });
      return;
    }
    if (this.queue.length >= this.options.maxBuffered) {
      this.failure = new SubscriberTooSlowError(this.options.maxBuffered, this.lastCursor);
      this.finish();
      return;
    }
    this.queue.push(event);
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    this.queue.length = 0;
    this.replayPage = [];
    this.unsubscribe();
    const wake = this.waiter;
    this.waiter = undefined;
    wake?.({ value: undefined, done: true });
  }
}
