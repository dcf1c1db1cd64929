import fs from 'node:fs';
import path from 'node:path';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AppDeps } from '../module.js';
import { AuditService, auditKey } from './service.js';

/**
 * Signed checkpoints of the audit chain (how many entries, and the last one's hash), appended to a file
 * outside the database. Deleting the tail of the log, or rewriting it and recomputing the hashes, no
 * longer matches the last checkpoint; the signature (HMAC under the audit key) stops the file being
 * rewritten to suit.
 */
export interface Checkpoint {
  at: string;
  count: number;
  head: string;
  sig: string;
}

export const CHECKPOINT_FILE = 'audit-checkpoints.jsonl';

export function checkpointFile(deps: Pick<AppDeps, 'config'>): string {
  return path.join(deps.config.backupDir, CHECKPOINT_FILE);
}

const signature = (key: Buffer, c: Omit<Checkpoint, 'sig'>) =>
  createHmac('sha256', key).update(`audit-checkpoint:v1:${c.count}:${c.head}:${c.at}`).digest('hex');

function signedBy(key: Buffer, c: Checkpoint): boolean {
  const expected = Buffer.from(signature(key, c));
  const given = Buffer.from(String(c.sig));
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Appends a checkpoint of the chain as it is now (unless nothing was added since the last one). */
export async function writeCheckpoint(deps: AppDeps): Promise<Checkpoint> {
  const head = await new AuditService(deps.db, deps.dialect, deps.clock).head();
  const file = checkpointFile(deps);
  const last = readCheckpoints(file).at(-1);
  if (last && last.count === head.count && last.head === head.hash) return last;
  const unsigned = { at: deps.clock.iso(), count: head.count, head: head.hash };
  const checkpoint = { ...unsigned, sig: signature(auditKey(), unsigned) };
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.appendFileSync(file, `${JSON.stringify(checkpoint)}\n`, { mode: 0o600 });
  return checkpoint;
}

/** Every checkpoint line in the file, oldest first (an unreadable line is kept so the signature check fails). */
export function readCheckpoints(file: string): Checkpoint[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => {
      try {
        return JSON.parse(line) as Checkpoint;
      } catch {
        return { at: '?', count: -1, head: '', sig: '' };
      }
    });
}

export type IntegrityReport =
  | { ok: true; entries: number; checkpoint: Checkpoint | null }
  | { ok: false; entries: number; brokenSeq: number | null; problem: string };

/**
 * The whole chain verified, then held against the last checkpoint: a checkpoint with a bad signature,
 * fewer entries than it recorded (truncation), or a different hash at its entry (rewritten and
 * recomputed) is reported with where the log breaks.
 */
export async function verifyAuditIntegrity(deps: AppDeps): Promise<IntegrityReport> {
  const audit = new AuditService(deps.db, deps.dialect, deps.clock);
  const chain = await audit.verify();
  if (!chain.ok)
    return {
      ok: false,
      entries: chain.entries,
      brokenSeq: chain.brokenSeq,
      problem: `the chain breaks at entry ${chain.brokenSeq}: ${chain.reason}; the ${chain.entries} entries before it are intact`,
    };
  const checkpoint = readCheckpoints(checkpointFile(deps)).at(-1) ?? null;
  if (!checkpoint) return { ok: true, entries: chain.entries, checkpoint: null };
  if (!signedBy(auditKey(), checkpoint))
    return {
      ok: false,
      entries: chain.entries,
      brokenSeq: null,
      problem: `the last checkpoint (${checkpoint.at}) is not signed with the audit key: the checkpoint file was altered, or AUDIT_KEY changed`,
    };
  if (chain.entries < checkpoint.count)
    return {
      ok: false,
      entries: chain.entries,
      brokenSeq: chain.entries + 1,
      problem: `the log ends at entry ${chain.entries} but the checkpoint of ${checkpoint.at} recorded ${checkpoint.count}: entries ${chain.entries + 1} to ${checkpoint.count} were deleted`,
    };
  if ((await audit.hashAt(checkpoint.count)) !== checkpoint.head)
    return {
      ok: false,
      entries: chain.entries,
      brokenSeq: checkpoint.count,
      problem: `entry ${checkpoint.count} does not match the checkpoint of ${checkpoint.at}: the log up to it was rewritten and its hashes recomputed`,
    };
  return { ok: true, entries: chain.entries, checkpoint };
}

/** Writes a checkpoint every AUDIT_CHECKPOINT_MINUTES; returns a stop function that writes a last one. */
export function startCheckpoints(deps: AppDeps): () => Promise<void> {
  const write = () =>
    writeCheckpoint(deps).catch((err) =>
      deps.log.error({ err: (err as Error).message }, 'audit checkpoint could not be written'),
    );
  const timer = setInterval(write, deps.config.auditCheckpointMinutes * 60_000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await write();
  };
}
