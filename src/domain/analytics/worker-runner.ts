import { existsSync } from 'node:fs';
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { BadUserInputError } from '../errors';
import type { AnalyticsAlgorithm, AnalyticsOutcome, Projection } from './analytics.model';

/**
 * One worker is kept idle between computations (unreferenced, so it never holds the process
 * open): starting a worker costs tens of milliseconds from dist/ and most of a second from the
 * TypeScript sources (tsx), more than PageRank itself at 100k entities. Concurrent
 * computations beyond it get fresh workers, which end when done.
 */
let idle: Worker | null = null;

/**
 * Runs one algorithm in a worker thread and terminates it when it exceeds the time budget.
 * The projection's edges travel as a transferred Int32Array (no copy).
 * @throws BadUserInputError (reason TIME_BUDGET_EXCEEDED) past the budget; the worker's own
 *   error (rethrown) when the algorithm fails.
 */
export function runInWorker(algorithm: AnalyticsAlgorithm, projection: Projection, budgetMs: number): Promise<AnalyticsOutcome> {
  const worker = idle ?? spawn();
  idle = null;
  worker.ref();
  const edges = Int32Array.from(projection.edges);
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void, reusable: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (reusable && idle === null) {
        worker.unref();
        idle = worker;
      } else {
        void worker.terminate();
      }
      fn();
    };
    const onMessage = (outcome: AnalyticsOutcome) => finish(() => resolve(outcome), true);
    const onError = (error: Error) => finish(() => reject(error), false);
    const onExit = (code: number) => finish(() => reject(new Error(`The analytics worker exited with code ${code} before answering`)), false);
    const timer = setTimeout(() => {
      finish(
        () =>
          reject(
            new BadUserInputError(
              `${algorithm} on ${projection.ids.length} entities did not finish within ${budgetMs} ms; narrow the scope (kinds, relationshipTypes, aroundId)`,
              'scope',
              { reason: 'TIME_BUDGET_EXCEEDED', budgetMs, nodeCount: projection.ids.length },
            ),
          ),
        false,
      );
    }, budgetMs);
    worker.on('message', onMessage);
    worker.once('error', onError);
    worker.once('exit', onExit);
    worker.postMessage({ algorithm, ids: projection.ids, edges }, [edges.buffer]);
  });
}

function spawn(): Worker {
  const { file, execArgv } = workerEntry();
  const worker = new Worker(file, { execArgv });
  // A worker that dies while idle is simply not reused.
  worker.on('exit', () => {
    if (idle === worker) idle = null;
  });
  worker.on('error', () => undefined);
  return worker;
}

/**
 * The compiled worker next to this file (`.js` in dist). Run from TypeScript sources (jest,
 * tsx), the worker is the `.ts` file and needs tsx's require hook, since a worker thread
 * does not inherit the parent's in-process transpiler.
 */
function workerEntry(): { file: string; execArgv: string[] } {
  const ext = extname(__filename);
  const file = join(__dirname, `analytics.worker${ext}`);
  if (ext === '.ts' || !existsSync(file)) return { file: join(__dirname, 'analytics.worker.ts'), execArgv: ['--require', 'tsx/cjs'] };
  return { file, execArgv: [] };
}
