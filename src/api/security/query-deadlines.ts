import { SecurityCode, securityError } from './security-error';

/** A root field's result, waiting for its work or its deadline, whichever comes first. */
interface Waiting {
  readonly deadline: number;
  readonly reject: (error: Error) => void;
  queued: boolean;
  previous: Waiting | undefined;
  next: Waiting | undefined;
}

/**
 * The deadlines of the query root fields running now, with one timer for all of them, armed
 * for the earliest, instead of a timer set and cleared for every root field. Every query has
 * the same timeout, so deadlines arrive in order (or nearly: a later root field of an operation
 * keeps the operation's deadline): a new one goes last, found by walking back from the end.
 * The timer is unref'd: it does not keep the process alive on its own.
 */
export class QueryDeadlines {
  private first: Waiting | undefined;
  private last: Waiting | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** When the armed timer fires (ms since the epoch). */
  private timerAt = 0;

  /** @param timeoutMs the timeout named in the error (the deadlines themselves are given to `bound`) */
  constructor(private readonly timeoutMs: number) {}

  /**
   * Settles as `work` does, unless `deadline` (ms since the epoch) passes first: then it
   * rejects with OPERATION_TIMEOUT (the work goes on; its result is dropped).
   */
  bound<T>(work: PromiseLike<T>, deadline: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const waiting = this.add(deadline, reject);
      work.then(
        (value) => {
          this.remove(waiting);
          resolve(value);
        },
        (error: Error) => {
          this.remove(waiting);
          reject(error);
        },
      );
    });
  }

  private add(deadline: number, reject: (error: Error) => void): Waiting {
    const waiting: Waiting = { deadline, reject, queued: true, previous: undefined, next: undefined };
    let before = this.last;
    while (before !== undefined && before.deadline > deadline) before = before.previous;
    waiting.previous = before;
    waiting.next = before === undefined ? this.first : before.next;
    if (waiting.next === undefined) this.last = waiting;
    else waiting.next.previous = waiting;
    if (before === undefined) this.first = waiting;
    else before.next = waiting;
    if (this.first === waiting) this.arm(deadline);
    return waiting;
  }

  private remove(waiting: Waiting): void {
    if (!waiting.queued) return;
    waiting.queued = false;
    if (waiting.previous === undefined) this.first = waiting.next;
    else waiting.previous.next = waiting.next;
    if (waiting.next === undefined) this.last = waiting.previous;
    else waiting.next.previous = waiting.previous;
    // A timer armed for this one stays: when it fires it re-arms for the next (at most one early wake-up).
  }

  private arm(deadline: number): void {
    if (this.timer !== undefined && this.timerAt <= deadline) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timerAt = deadline;
    this.timer = setTimeout(this.expire, Math.max(0, deadline - Date.now()));
    this.timer.unref();
  }

  private readonly expire = (): void => {
    this.timer = undefined;
    const now = Date.now();
    while (this.first !== undefined && this.first.deadline <= now) {
      const waiting = this.first;
      this.remove(waiting);
      waiting.reject(securityError(`The operation took longer than ${this.timeoutMs} ms and was stopped`, SecurityCode.OPERATION_TIMEOUT, { timeoutMs: this.timeoutMs }, 200));
    }
    if (this.first !== undefined) this.arm(this.first.deadline);
  };
}
