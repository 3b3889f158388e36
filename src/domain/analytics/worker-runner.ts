import { existsSync } from 'node:fs';
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { BadUserInputError } from '../errors';
import type { AnalyticsAlgorithm, AnalyticsOutcome, Projection } from './analytics.model';

/**
 * Runs one algorithm in a fresh worker thread and terminates it when it exceeds the time
 * budget.
 * @throws BadUserInputError (reason TIME_BUDGET_EXCEEDED) past the budget; the worker's own
 *   error (rethrown) when the algorithm fails.
 */
export function runInWorker(algorithm: AnalyticsAlgorithm, projection: Projection, budgetMs: number): Promise<AnalyticsOutcome> {
  const { file, execArgv } = workerEntry();
  return new Promise((resolve, reject) => {
    const worker = new Worker(file, { workerData: { algorithm, projection }, execArgv });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    const timer = setTimeout(() => {
      finish(() =>
        reject(
          new BadUserInputError(
            `${algorithm} on ${projection.ids.length} entities did not finish within ${budgetMs} ms; narrow the scope (kinds, relationshipTypes, aroundId)`,
            'scope',
            { reason: 'TIME_BUDGET_EXCEEDED', budgetMs, nodeCount: projection.ids.length },
          ),
        ),
      );
      void worker.terminate();
    }, budgetMs);
    worker.once('message', (outcome: AnalyticsOutcome) => {
      finish(() => resolve(outcome));
      void worker.terminate();
    });
    worker.once('error', (error) => finish(() => reject(error)));
    worker.once('exit', (code) => finish(() => reject(new Error(`The analytics worker exited with code ${code} before answering`))));
  });
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
