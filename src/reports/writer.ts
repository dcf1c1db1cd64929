import { CompiledQuery, sql, type Insertable, type Transaction } from 'kysely';
import type { Db } from '../platform/db/database.js';
import type { Database } from '../platform/db/schema.js';
import type { Dialect } from '../platform/db/database.js';
import type { Clock } from '../platform/db/clock.js';
import { AuditService, type AuditEntry } from '../platform/audit/service.js';

/** What one item of a batch can do inside the shared transaction. */
export interface BatchContext {
  trx: Transaction<Database>;
  /** Queues a row to insert after every item's work: one multi-row statement per table (in first-use order). */
  defer<T extends keyof Database & string>(table: T, row: Insertable<Database[T]>): void;
  /** The next number of a per-partnership counter declared when the item was submitted. */
  sequence(partnershipId: string, name: string): number;
  /**
   * Queues an audit entry: the batch's entries are appended to the audit chain (in submission order)
   * after the deferred rows, in the same transaction, so the entry commits with the change it records.
   */
  audit(entry: AuditEntry): void;
  /**
   * Runs `fn` once every item of the batch has done its work and before the deferred rows are
   * inserted, for work that is cheaper done once for the whole batch (it may defer rows too).
   */
  afterWork(fn: () => Promise<void>): void;
}

type Work<T> = (ctx: BatchContext) => Promise<T>;
interface Pending {
  work: Work<unknown>;
  sequences: SequenceNeed[];
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}
export interface SequenceNeed {
  partnershipId: string;
  name: string;
}

const ROWS_PER_STATEMENT = 200;

/**
 * Group commit for new reports. With SQLite's synchronous=FULL each commit waits for the disk
 * (milliseconds), which would cap intake at a few hundred reports a second. Work that arrives while a
 * commit is running waits and is committed with the next batch in one transaction: counters (report
 * references) are taken for the whole batch with one update per counter, and plain inserts are made
 * as one multi-row statement per table. If a batch fails, each item is retried in a transaction of its
 * own, so one bad item never sinks the others and nothing is half-written.
 */
export class GroupCommitWriter {
  private queue: Pending[] = [];
  private running = false;

  constructor(
    private readonly db: Db,
    private readonly maxBatch = 64,
    private readonly auditLog: AuditService | null = null,
    /** Known dialect: deferred rows are written with SQL made here rather than through the query builder. */
    private readonly dialect: Dialect | null = null,
  ) {}

  submit<T>(work: Work<T>, sequences: SequenceNeed[] = []): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, sequences, resolve: resolve as (v: unknown) => void, reject });
      if (!this.running) {
        this.running = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length) await this.runBatch(this.queue.splice(0, this.maxBatch));
    } finally {
      this.running = false;
    }
  }

  private async runBatch(batch: Pending[]): Promise<void> {
    if (batch.length > 1) {
      try {
        const results = await this.db.transaction().execute((trx) => this.execute(trx, batch));
        batch.forEach((p, i) => p.resolve(results[i]));
        return;
      } catch {
        // retry one by one below, to find the item that failed
      }
    }
    for (const p of batch) {
      try {
        p.resolve((await this.db.transaction().execute((trx) => this.execute(trx, [p])))[0]);
      } catch (err) {
        p.reject(err);
      }
    }
  }

  private async execute(trx: Transaction<Database>, batch: Pending[]): Promise<unknown[]> {
    const ranges = await takeSequences(
      trx,
      batch.flatMap((p) => p.sequences),
    );
    const deferred = new Map<string, unknown[]>();
    const entries: AuditEntry[] = [];
    const hooks: (() => Promise<void>)[] = [];
    const ctx: BatchContext = {
      trx,
      defer: (table, row) => {
        let rows = deferred.get(table);
        if (!rows) deferred.set(table, (rows = []));
        rows.push(row);
      },
      sequence: (partnershipId, name) => {
        const r = ranges.get(`${partnershipId}\u0000${name}`);
        if (!r || r.next > r.last) throw new Error(`sequence ${name} was not declared for this item`);
        return r.next++;
      },
      audit: (entry) => {
        if (!this.auditLog) throw new Error('this writer was made without an audit log');
        entries.push(entry);
      },
      afterWork: (fn) => {
        hooks.push(fn);
      },
    };
    const out: unknown[] = [];
    for (const p of batch) out.push(await p.work(ctx));
    for (const fn of hooks) await fn();
    for (const [table, rows] of deferred) {
      for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
        const chunk = rows.slice(i, i + ROWS_PER_STATEMENT) as Record<string, unknown>[];
        const statement = this.dialect && multiRowInsert(this.dialect, table, chunk);
        if (statement) await trx.executeQuery(statement);
        else
          await trx
            .insertInto(table as keyof Database & string)
            .values(chunk as any)
            .execute();
      }
    }
    if (entries.length) await this.auditLog!.appendMany(trx, entries);
    return out;
  }
}

/**
 * `insert into t (a, b) values (?, ?), (?, ?)` for rows that all have the same columns and no
 * undefined values (what the query builder would make, without building and compiling its syntax
 * tree for every row); null when the rows do not qualify, for the query builder to handle.
 */
export function multiRowInsert(
  dialect: Dialect,
  table: string,
  rows: readonly Record<string, unknown>[],
): CompiledQuery | null {
  if (!rows.length) return null;
  const columns = Object.keys(rows[0]);
  const params: unknown[] = [];
  const tuples: string[] = [];
  for (const row of rows) {
    let n = 0;
    for (const _ in row) n++;
    if (n !== columns.length) return null;
    const marks: string[] = [];
    for (const c of columns) {
      const v = row[c];
      if (v === undefined) return null;
      params.push(v);
      marks.push(dialect === 'postgres' ? `$${params.length}` : '?');
    }
    tuples.push(`(${marks.join(', ')})`);
  }
  const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
  return CompiledQuery.raw(
    `insert into ${quote(table)} (${columns.map(quote).join(', ')}) values ${tuples.join(', ')}`,
    params,
  );
}

/** Reserves numbers for every counter the batch needs: one upsert per counter. */
async function takeSequences(
  trx: Transaction<Database>,
  needs: SequenceNeed[],
): Promise<Map<string, { next: number; last: number }>> {
  const counts = new Map<string, { need: SequenceNeed; n: number }>();
  for (const need of needs) {
    const key = `${need.partnershipId}\u0000${need.name}`;
    const c = counts.get(key);
    if (c) c.n++;
    else counts.set(key, { need, n: 1 });
  }
  const ranges = new Map<string, { next: number; last: number }>();
  for (const [key, { need, n }] of counts) {
    const row = await sql<{ value: number }>`
      insert into sequences (partnership_id, name, value) values (${need.partnershipId}, ${need.name}, ${n})
      on conflict (partnership_id, name) do update set value = sequences.value + ${n}
      returning value`.execute(trx);
    const last = Number(row.rows[0].value);
    ranges.set(key, { next: last - n + 1, last });
  }
  return ranges;
}

/** The human reference for a counter value, as platform/db/sequences.ts makes it (ASB-2026-000123). */
export const formatReference = (prefix: string, year: number, n: number) =>
  `${prefix}-${year}-${String(n).padStart(6, '0')}`;

const writers = new WeakMap<Db, GroupCommitWriter>();

/** One writer per database handle, auditing through the handle's audit chain. */
export function writerFor(deps: { db: Db; dialect: Dialect; clock: Clock }): GroupCommitWriter {
  let w = writers.get(deps.db);
  if (!w)
    writers.set(
      deps.db,
      (w = new GroupCommitWriter(
        deps.db,
        64,
        new AuditService(deps.db, deps.dialect, deps.clock),
        deps.dialect,
      )),
    );
  return w;
}
