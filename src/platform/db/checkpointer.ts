import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';

/** Pages of log the request thread lets grow before it checkpoints itself (only if the worker falls behind). */
const BACKSTOP_PAGES = 10_000;

/**
 * Runs SQLite's WAL checkpoints in a worker thread every `everyMs`. Commits stay durable as before
 * (synchronous=FULL); only the copying of the log into the database file moves off the thread that
 * answers requests. Returns a stop function.
 */
export function startCheckpointer(sqlite: SQLite.Database, file: string, everyMs = 500): () => Promise<void> {
  const worker = new Worker(new URL('./checkpoint-worker.mjs', import.meta.url), {
    workerData: { file, everyMs },
  });
  worker.unref();
  sqlite.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
  // If the worker stops for any reason, the request thread checkpoints as SQLite normally does.
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      if (sqlite.open) sqlite.pragma('wal_autocheckpoint = 1000');
      resolve();
    }),
  );
  worker.on('error', () => {});
  return async () => {
    worker.ref(); // keep the process alive until the worker has closed its connection
    worker.postMessage('stop');
    await exited;
  };
}
