import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Dialect } from '../db/database.js';
import type { Clock } from '../db/clock.js';
import { newId } from '../db/ids.js';
import type { AuditLogTable } from '../tables.js';

export type Executor = Kysely<Database> | Transaction<Database>;

export interface AuditEntry {
  partnershipId: string;
  userId?: string | null;
  userLabel?: string | null;
  action: string;
  subjectType?: string | null;
  subjectId?: string | null;
  reason?: string | null;
  ip?: string | null;
  requestId?: string | null;
  details?: Record<string, unknown>;
}

export const GENESIS_HASH = '0'.repeat(64);

/** The hash of one entry covers every stored field and the previous entry's hash. */
export function hashEntry(row: Omit<AuditLogTable, 'hash'>): string {
  const canonical = JSON.stringify([
    row.seq,
    row.id,
    row.partnership_id,
    row.at,
    row.user_id,
    row.user_label,
    row.action,
    row.subject_type,
    row.subject_id,
    row.reason,
    row.ip,
    row.request_id,
    row.details,
    row.prev_hash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

export class AuditService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: Dialect,
    private readonly clock: Clock,
  ) {}

  /** Appends one entry. Pass a transaction to make the entry part of the change it records. */
  async record(entry: AuditEntry, trx?: Transaction<Database>): Promise<void> {
    if (trx) return this.append(trx, entry);
    await this.db.transaction().execute((t) => this.append(t, entry));
  }

  private async append(trx: Transaction<Database>, entry: AuditEntry): Promise<void> {
    // One chain: entries are appended one at a time.
    if (this.dialect === 'postgres') await sql`select pg_advisory_xact_lock(7201)`.execute(trx);
    const last = await trx
      .selectFrom('audit_log')
      .select(['seq', 'hash'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    const row: Omit<AuditLogTable, 'hash'> = {
      seq: (last?.seq ?? 0) + 1,
      id: newId(),
      partnership_id: entry.partnershipId,
      at: this.clock.iso(),
      user_id: entry.userId ?? null,
      user_label: entry.userLabel ?? null,
      action: entry.action,
      subject_type: entry.subjectType ?? null,
      subject_id: entry.subjectId ?? null,
      reason: entry.reason ?? null,
      ip: entry.ip ?? null,
      request_id: entry.requestId ?? null,
      details: JSON.stringify(entry.details ?? {}),
      prev_hash: last?.hash ?? GENESIS_HASH,
    };
    await trx.insertInto('audit_log').values({ ...row, hash: hashEntry(row) }).execute();
  }

  /** Walks the whole chain; returns the first entry whose hash or link is wrong. */
  async verify(): Promise<{ ok: true; entries: number } | { ok: false; entries: number; brokenSeq: number; reason: string }> {
    let prev = GENESIS_HASH;
    let expectedSeq = 1;
    let count = 0;
    const pageSize = 5000;
    for (;;) {
      const rows = await this.db
        .selectFrom('audit_log')
        .selectAll()
        .where('seq', '>=', expectedSeq)
        .orderBy('seq')
        .limit(pageSize)
        .execute();
      for (const r of rows) {
        if (r.seq !== expectedSeq) return { ok: false, entries: count, brokenSeq: expectedSeq, reason: `entry ${expectedSeq} is missing` };
        if (r.prev_hash !== prev) return { ok: false, entries: count, brokenSeq: r.seq, reason: 'its link to the previous entry does not match' };
        const { hash, ...rest } = r;
        if (hashEntry(rest) !== hash) return { ok: false, entries: count, brokenSeq: r.seq, reason: 'its contents do not match its hash' };
        prev = hash;
        expectedSeq++;
        count++;
      }
      if (rows.length < pageSize) return { ok: true, entries: count };
    }
  }

  async search(filter: {
    partnershipId: string;
    userId?: string;
    action?: string;
    subjectId?: string;
    from?: string;
    to?: string;
    limit?: number;
    offset?: number;
  }): Promise<AuditLogTable[]> {
    let q = this.db.selectFrom('audit_log').selectAll().where('partnership_id', '=', filter.partnershipId);
    if (filter.userId) q = q.where('user_id', '=', filter.userId);
    if (filter.action) q = q.where('action', 'like', `${filter.action}%`);
    if (filter.subjectId) q = q.where('subject_id', '=', filter.subjectId);
    if (filter.from) q = q.where('at', '>=', filter.from);
    if (filter.to) q = q.where('at', '<', filter.to);
    return q
      .orderBy('seq', 'desc')
      .limit(filter.limit ?? 50)
      .offset(filter.offset ?? 0)
      .execute();
  }
}
