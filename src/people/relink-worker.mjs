// Runs the linkage engine's full re-link in a worker thread, so the server keeps answering while a
// large partnership is re-linked. Plain JavaScript so that it can register the TypeScript loader in
// this thread before importing the engine.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { linkAll } = await import('./linkage/link.ts');
const { clusters, possibleMatches, model } = linkAll(workerData.records, workerData.decisions);
parentPort.postMessage({ clusters, possibleMatches, model });
