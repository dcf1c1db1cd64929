import { Worker } from 'node:worker_threads';
import type { LinkResult, PersonRecord, StaffDecision } from './linkage/types.js';

export type WorkerLinkResult = Pick<LinkResult, 'clusters' | 'possibleMatches' | 'model'>;

/** `linkAll` in a worker thread: training and clustering take seconds to minutes on a large partnership. */
export function linkAllInWorker(
  records: PersonRecord[],
  decisions: StaffDecision[],
): Promise<WorkerLinkResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./relink-worker.mjs', import.meta.url), {
      workerData: { records, decisions },
    });
    let result: WorkerLinkResult | undefined;
    worker.once('message', (m: WorkerLinkResult) => (result = m));
    worker.once('error', reject);
    worker.once('exit', (code) =>
      result
        ? resolve(result)
        : reject(new Error(`the re-link worker stopped (exit code ${code}) without a result`)),
    );
  });
}
