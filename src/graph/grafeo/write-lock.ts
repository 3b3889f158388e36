/**
 * A FIFO mutex: one holder at a time, waiters served in arrival order. Grafeo fails the
 * later of two conflicting write transactions, where Neo4j would make it wait; holding
 * this lock around every write transaction gives both engines the same behaviour.
 */
export class WriteLock {
  private tail: Promise<void> = Promise.resolve();

  /** Runs `work` once every earlier holder has finished, whether it succeeded or not. */
  async withLock<T>(work: () => Promise<T>): Promise<T> {
    let release!: () => void;
    const turn = new Promise<void>((resolve) => (release = resolve));
    const previous = this.tail;
    this.tail = previous.then(() => turn);
    await previous;
    try {
      return await work();
    } finally {
      release();
    }
  }
}
