/**
 * Worker-thread entry: runs one algorithm on the projection in `workerData` and posts
 * the outcome back, so long computations never block the server's event loop.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { AnalyticsAlgorithm, Projection } from './analytics.model';
import { runAlgorithm } from './algorithms';

const { algorithm, projection } = workerData as { algorithm: AnalyticsAlgorithm; projection: Projection };
parentPort?.postMessage(runAlgorithm(algorithm, projection));
