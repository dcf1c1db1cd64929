import { createHash, createHmac } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Dialect } from '../db/database.js';
import type { Clock } from '../db/clock.js';
import { newId } from '../db/ids.js';
import type { AuditLogTable } from '../tables.js';
import { DEVELOPMENT_AUDIT_KEY } from '../../config.js';

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

// 15 columns a row: well under SQLite's and PostgreSQL's limits on bound values in one statement.
const ROWS_PER_INSERT = 100;

let processKey: Buffer = Buffer.from(DEVELOPMENT_AUDIT_KEY, 'utf8');

/** The audit key for this process (AUDIT_KEY or AUDIT_KEY_FILE), set at start-up; never stored in the database. */
export function configureAuditKey(key: Buffer): void {
  processKey = key;
}

export function auditKey(): Buffer {
  return processKey;
}

/**
 * The hash of one entry covers every stored field and the previous entry's hash. Keyed entries use
 * HMAC-SHA256 under the audit key, so rewriting a row and recomputing every later hash needs the key;
 * entries written before the chain was keyed (keyed = 0) keep their plain SHA-256.
 */
export function hashEntry(row: Omit<AuditLogTable, 'hash'>, key: Buffer = processKey): string {
  const fields = [
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
  ];
  if (!row.keyed) return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
  return createHmac('sha256', key)
    .update(JSON.stringify([...fields, 'hmac-v1']))
    .digest('hex');
}

export type VerifyResult =
  { ok: true; entries: number } | { ok: false; entries: number; brokenSeq: number; reason: string };

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

  private append(trx: Transaction<Database>, entry: AuditEntry): Promise<void> {
    return this.appendMany(trx, [entry]);
  }

  /**
   * Appends several entries in order inside the caller's transaction: the chain's head is read once
   * and the entries are written as multi-row inserts, each linked to the one before. The group-commit
   * writer uses it to audit a whole batch of new reports in one go.
   */
  async appendMany(trx: Transaction<Database>, entries: readonly AuditEntry[]): Promise<void> {
    if (!entries.length) return;
    // One chain: entries are appended one transaction at a time.
    if (this.dialect === 'postgres') await sql`select pg_advisory_xact_lock(7201)`.execute(trx);
    const last = await trx
      .selectFrom('audit_log')
      .select(['seq', 'hash'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    let seq = last?.seq ?? 0;
    let prev = last?.hash ?? GENESIS_HASH;
    const rows: AuditLogTable[] = [];
    for (const entry of entries) {
      const row: Omit<AuditLogTable, 'hash'> = {
        seq: ++seq,
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
        prev_hash: prev,
        keyed: 1,
      };
      prev = hashEntry(row);
      rows.push({ ...row, hash: prev });
    }
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
      await trx
        .insertInto('audit_log')
        .values(rows.slice(i, i + ROWS_PER_INSERT))
        .execute();
    }
  }

  /** Walks the whole chain; returns the first entry whose hash or link is wrong. */
  async verify(key: Buffer = processKey): Promise<VerifyResult> {
    let prev = GENESIS_HASH;
    let keyedSeen = false;
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
        if (r.seq !== expectedSeq)
          return {
            ok: false,
            entries: count,
            brokenSeq: expectedSeq,
            reason: `entry ${expectedSeq} is missing`,
          };
        if (r.prev_hash !== prev)
          return {
            ok: false,
            entries: count,
            brokenSeq: r.seq,
            reason: 'its link to the previous entry does not match',
          };
        if (keyedSeen && !r.keyed)
          return {
            ok: false,
            entries: count,
            brokenSeq: r.seq,
            reason: 'it is not keyed though earlier entries are (it was rewritten without the audit key)',
          };
        keyedSeen ||= !!r.keyed;
        const { hash, ...rest } = r;
        if (hashEntry(rest, key) !== hash)
          return {
            ok: false,
            entries: count,
            brokenSeq: r.seq,
            reason: r.keyed
              ? 'its contents do not match its hash (changed, or hashed without the audit key)'
              : 'its contents do not match its hash',
          };
        prev = hash;
        expectedSeq++;
        count++;
      }
      if (rows.length < pageSize) return { ok: true, entries: count };
    }
  }

  /** The number of entries and the last entry's hash: what a checkpoint records. */
  async head(): Promise<{ count: number; hash: string }> {
    const last = await this.db
      .selectFrom('audit_log')
      .select(['seq', 'hash'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    return { count: last?.seq ?? 0, hash: last?.hash ?? GENESIS_HASH };
  }

  /** The hash of entry seq (GENESIS_HASH for 0), or null when there is no such entry. */
  async hashAt(seq: number): Promise<string | null> {
    if (seq === 0) return GENESIS_HASH;
    const row = await this.db
      .selectFrom('audit_log')
      .select('hash')
      .where('seq', '=', seq)
      .executeTakeFirst();
    return row?.hash ?? null;
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
