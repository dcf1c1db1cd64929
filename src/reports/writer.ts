import type { Transaction } from 'kysely';
import type { Db } from '../platform/db/database.js';
import type { Database } from '../platform/db/schema.js';

type Work<T> = (trx: Transaction<Database>) => Promise<T>;
interface Pending {
  work: Work<unknown>;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

/**
 * Group commit for new reports. With SQLite's synchronous=FULL each commit waits for the disk
 * (a few milliseconds), which would cap intake at a few hundred reports a second. Work that
 * arrives while a commit is running waits and is committed with the next batch in one
 * transaction. If a batch fails, each item is retried in a transaction of its own, so one bad
 * item never sinks the others and nothing is half-written.
 */
export class GroupCommitWriter {
  private queue: Pending[] = [];
  private running = false;

  constructor(
    private readonly db: Db,
    private readonly maxBatch = 64,
  ) {}

  submit<T>(work: Work<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
      if (!this.running) {
        this.running = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0, this.maxBatch);
        await this.runBatch(batch);
      }
    } finally {
      this.running = false;
    }
  }

  private async runBatch(batch: Pending[]): Promise<void> {
    if (batch.length > 1) {
      try {
        const results = await this.db.transaction().execute(async (trx) => {
          const out: unknown[] = [];
          for (const p of batch) out.push(await p.work(trx));
          return out;
        });
        batch.forEach((p, i) => p.resolve(results[i]));
        return;
      } catch {
        // fall through: retry one by one to find the item that failed
      }
    }
    for (const p of batch) {
      try {
        p.resolve(await this.db.transaction().execute((trx) => p.work(trx)));
      } catch (err) {
        p.reject(err);
      }
    }
  }
}

const writers = new WeakMap<Db, GroupCommitWriter>();

/** One writer per database handle. */
export function writerFor(db: Db): GroupCommitWriter {
  let w = writers.get(db);
  if (!w) writers.set(db, (w = new GroupCommitWriter(db)));
  return w;
}
