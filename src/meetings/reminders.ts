/**
 * Reminders through the outbox: members are told when an agenda pack is issued, and an action's
 * owner is reminded a few days before it falls due (a job queued when the action is raised; it
 * sends nothing if the action is done by then).
 */
import { enqueueJob, registerJobHandler } from '../platform/jobs.js';
import { queueMessage } from '../platform/notifications.js';
import { addDays, compareDates, formatLongDate } from '../platform/dates/index.js';
import type { AppDeps } from '../platform/module.js';
import type { Executor } from '../platform/audit/service.js';
import { MeetingsRepository } from './repository.js';

export const ACTION_REMINDER_DAYS = 3;
const JOB = 'meetings.action-reminder';

/** Queues the due-date reminder of a new action (none when the reminder day has passed). */
export async function scheduleActionReminder(
  db: Executor,
  deps: AppDeps,
  a: { partnershipId: string; actionId: string; dueOn: string; today: string },
): Promise<void> {
  const on = addDays(a.dueOn, -ACTION_REMINDER_DAYS);
  if (compareDates(on, a.today) <= 0) return;
  await enqueueJob(db, deps.clock, a.partnershipId, JOB, { actionId: a.actionId }, `${on}T08:00:00.000Z`);
}

registerJobHandler(JOB, async (deps, payload) => {
  const repo = new MeetingsRepository(deps.db);
  const row = await deps.db
    .selectFrom('meeting_actions')
    .select('partnership_id')
    .where('id', '=', String(payload.actionId))
    .executeTakeFirst();
  const a = row && (await repo.action(row.partnership_id, String(payload.actionId)));
  if (!a || a.status !== 'open') return;
  const owner = (await repo.staff(a.partnership_id)).find((u) => u.id === a.owner_user_id);
  if (!owner) return;
  await queueMessage(deps.db, deps.clock, {
    partnershipId: a.partnership_id,
    channel: 'email',
    recipient: owner.email,
    template: 'meeting-action-due',
    subject: `Meeting action due on ${formatLongDate(a.due_on)}`,
    body: `Your action from the partnership meeting is due on ${formatLongDate(a.due_on)}: ${a.text}. Record an update or mark it done in ASB Hub.`,
    relatedType: 'meeting-action',
    relatedId: a.id,
  });
});

/** Tells each member that the agenda pack is issued (no personal data in the message). */
export async function notifyPackIssued(
  db: Executor,
  deps: AppDeps,
  p: {
    partnershipId: string;
    meetingId: string;
    seriesName: string;
    date: string;
    number: string;
    emails: string[];
  },
): Promise<void> {
  for (const email of p.emails)
    await queueMessage(db, deps.clock, {
      partnershipId: p.partnershipId,
      channel: 'email',
      recipient: email,
      template: 'meeting-pack-issued',
      subject: `${p.seriesName}, ${formatLongDate(p.date)}: agenda pack issued`,
      body: `The agenda pack ${p.number} for the ${p.seriesName} on ${formatLongDate(p.date)} is issued. Read it in ASB Hub before the meeting.`,
      relatedType: 'meeting',
      relatedId: p.meetingId,
    });
}
