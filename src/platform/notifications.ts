import fs from 'node:fs';
import path from 'node:path';
import type { AppDeps } from './module.js';
import { newId } from './db/ids.js';
import type { Executor } from './audit/service.js';
import type { Insertable } from 'kysely';
import type { OutboxTable } from './tables.js';

export interface OutgoingMessage {
  partnershipId: string;
  channel: 'email' | 'sms' | 'letter';
  recipient: string;
  template: string;
  subject: string;
  body: string;
  relatedType?: string;
  relatedId?: string;
}

/** The outbox row for a message, for callers that insert rows in bulk. */
export function outboxRow(now: string, m: OutgoingMessage): Insertable<OutboxTable> & { id: string } {
  return {
    id: newId(),
    partnership_id: m.partnershipId,
    channel: m.channel,
    recipient: m.recipient,
    template: m.template,
    subject: m.subject,
    body: m.body,
    related_type: m.relatedType ?? null,
    related_id: m.relatedId ?? null,
    status: 'queued',
    attempts: 0,
    last_error: null,
    created_at: now,
    sent_at: null,
  };
}

/** Queues a message in the outbox, inside the caller's transaction, so it is sent only if the change commits. */
export async function queueMessage(
  db: Executor,
  clock: { iso(): string },
  m: OutgoingMessage,
): Promise<string> {
  const row = outboxRow(clock.iso(), m);
  await db.insertInto('outbox').values(row).execute();
  return row.id;
}

/**
 * Sends queued messages. The development sender writes each message to a file under the data folder;
 * production senders (GOV.UK Notify, SMTP) plug in here, chosen by NOTIFY_SENDER.
 */
export async function deliverOutbox(deps: AppDeps, limit = 50): Promise<number> {
  const queued = await deps.db
    .selectFrom('outbox')
    .selectAll()
    .where('status', '=', 'queued')
    .orderBy('created_at')
    .limit(limit)
    .execute();
  if (!queued.length) return 0;
  const dir = path.join(deps.config.dataDir, 'outbox');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  for (const m of queued) {
    try {
      fs.writeFileSync(
        path.join(dir, `${m.id}.txt`),
        `To: ${m.recipient}\nChannel: ${m.channel}\nSubject: ${m.subject}\n\n${m.body}\n`,
        { mode: 0o600 },
      );
      await deps.db
        .updateTable('outbox')
        .set({ status: 'sent', sent_at: deps.clock.iso(), attempts: m.attempts + 1 })
        .where('id', '=', m.id)
        .execute();
    } catch (err) {
      await deps.db
        .updateTable('outbox')
        .set({
          attempts: m.attempts + 1,
          last_error: String((err as Error).message).slice(0, 500),
          status: m.attempts + 1 >= 5 ? 'failed' : 'queued',
        })
        .where('id', '=', m.id)
        .execute();
    }
  }
  return queued.length;
}
