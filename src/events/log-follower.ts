import type { GraphEngine } from '../graph/graph-engine.port';
import type { EventLog, LoggedEvent } from './event-log';

/** What a view kept in memory does with the changes LogFollower reads for it. */
export interface FollowingView {
  /** Applies committed events, in log order. Must be idempotent: an event may come again after a resync. */
  apply(events: readonly LoggedEvent[]): void;
  /** The changes can no longer be told (events pruned, or too many at once): forget everything derived. */
  reset(): void;
}

/** Most events read in one sync; past it the view is reset instead (a bulk import, say). */
const DEFAULT_MAX_EVENTS = 2_000;

/**
 * Keeps a view of the graph held in memory (the entity cache, the topology index) exact, on
 * an engine that only this process writes (one with `writeMark`, the embedded engine).
 *
 * Every committed change writes its events to the durable log in the same transaction
 * (RecordedWrites), each naming the records it touched. So `sync()` compares the engine's
 * write mark with the one it saw last, a call without I/O; only when it moved does it read
 * the events logged since, and hands them to the views. After `sync()` resolves, every write
 * committed before the call is applied. The mark is taken before the log is read, so a
 * commit racing the read moves it again and the next sync reads once more.
 *
 * The view relies on that invariant: every change to entities and relationships logs an
 * event naming them (docs/events.md). Writes without events (idempotency records, the
 * event log's own bookkeeping, pruning) move the mark and find nothing new to apply.
 */
export class LogFollower {
  private mark: string | undefined;
  private seq = -1;
  private pulling: Promise<void> | null = null;
  /** Pulls begun so far. */
  private pulls = 0;
  private readonly views: FollowingView[] = [];

  /** `view`: the first view kept up; `follow` adds more, which then share every read of the log. */
  constructor(
    private readonly engine: GraphEngine,
    private readonly log: EventLog,
    view?: FollowingView,
    private readonly maxEvents = DEFAULT_MAX_EVENTS,
  ) {
    if (view) this.views.push(view);
  }

  /** Keeps `view` up too, from now on; it is reset first, since it has seen none of what came before. */
  follow(view: FollowingView): void {
    view.reset();
    this.views.push(view);
  }

  /**
   * Brings every view up to date with every write committed before the call.
   * @returns false when the engine has no write mark (Neo4j, or not connected): the view
   *   cannot be trusted and the caller reads the engine instead.
   */
  async sync(): Promise<boolean> {
    // A pull begun after this call took its mark after it: once it ends, every write
    // committed before the call is applied, even if writes go on moving the mark.
    const begunBefore = this.pulls;
    for (;;) {
      const mark = this.engine.writeMark?.();
      if (mark === undefined) {
        this.forget();
        return false;
      }
      if (mark === this.mark) return true;
      if (this.pulling === null) {
        this.pulls += 1;
        this.pulling = this.pull(mark).finally(() => (this.pulling = null));
      }
      const pull = this.pulls;
      await this.pulling;
      if (pull > begunBefore) return true;
    }
  }

  /** Drops what was followed: the next sync starts over with a reset of the view. */
  forget(): void {
    this.mark = undefined;
    this.seq = -1;
  }

  private async pull(mark: string): Promise<void> {
    const state = await this.log.state();
    const behind = state.lastSeq - this.seq;
    if (this.seq < 0 || behind < 0 || state.prunedThrough > this.seq || behind > this.maxEvents) {
      for (const view of this.views) view.reset();
    } else if (behind > 0) {
      const events = await this.log.page(this.seq, state.lastSeq, behind);
      // Fewer than the positions say: pruning ran between the two reads and took some.
      for (const view of this.views) {
        if (events.length === behind) view.apply(events);
        else view.reset();
      }
    }
    this.seq = state.lastSeq;
    this.mark = mark;
  }
}
