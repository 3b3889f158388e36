/**
 * Worker-thread entry: runs one algorithm per message on the projection it carries and posts
 * the outcome back, so long computations never block the server's event loop. The worker
 * stays alive between messages (see worker-runner.ts).
 */
import { parentPort } from 'node:worker_threads';
import type { AnalyticsAlgorithm } from './analytics.model';
import { runAlgorithm } from './algorithms';

parentPort?.on('message', (job: { algorithm: AnalyticsAlgorithm; ids: string[]; edges: Int32Array }) => {
  parentPort?.postMessage(runAlgorithm(job.algorithm, { ids: job.ids, edges: job.edges }));
});
