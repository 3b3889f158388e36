import type { Logger } from '../logger';
import type { EventLog } from './event-log';

export interface RetentionOptions {
  /** Events older than this many days are deleted. */
  retentionDays: number;
  /** How often pruning runs, in ms. */
  intervalMs: number;
  logger: Logger;
  now?: () => Date;
}

/**
 * Prunes the event log on a timer (first run right away, then every `intervalMs`; the
 * timer does not keep the process alive). Failures are logged and retried at the next
 * tick. @returns a function that stops the timer and waits for a run in progress.
 */
export function startRetentionPruning(log: EventLog, options: RetentionOptions): () => Promise<void> {
  const now = options.now ?? (() => new Date());
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const run = () => {
    if (stopped) return;
    running = (async () => {
      const before = new Date(now().getTime() - options.retentionDays * 86_400_000);
      try {
        const deleted = await log.prune(before);
        if (deleted > 0) options.logger.info({ deleted, before: before.toISOString() }, 'pruned domain events past retention');
      } catch (error) {
        options.logger.error({ err: error }, 'pruning domain events failed; retrying at the next interval');
      }
    })();
  };
  run();
  const timer = setInterval(run, options.intervalMs);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
