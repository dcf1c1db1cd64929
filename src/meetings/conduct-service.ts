/**
 * The meeting itself: attendance, notes and decisions per item (a case decision lands on the case
 * timeline; an action carried forward says why), and actions with an owner, agency, due date and
 * RAG, updated until done with their outcome. Approved minutes freeze the meeting's record.
 */
import { z } from 'zod';
import { newId } from '../platform/db/ids.js';
import { forbidden, notFound } from '../platform/web/errors.js';
import { compareDates, formatLongDate, isIsoDate } from '../platform/dates/index.js';
import type { CaseServices } from '../cases/services.js';
import type { Actor, Errors, MeetingsContext, Result } from './context.js';
import type { SeriesService } from './series-service.js';
import { seriesAccess } from './access.js';

export const CASE_DECISIONS = ['accepted', 'not-accepted', 'closed', 'deferred'] as const;
export const ACTION_DECISIONS = ['done', 'change-of-circumstance', 'agency-did-not-act'] as const;
const NEEDS_NOTE: Record<string, string> = {
  'not-accepted': 'Give the advice for the referrer',
  closed: 'Give the reason the case is closed',
  deferred: 'Say why the case is deferred',
  done: 'Give the outcome of the action',
  'change-of-circumstance': 'Say what changed',
  'agency-did-not-act': 'Say what the agency has not done',
};

export const outcomeSchema = z.object({
  notes: z
    .string()
    .trim()
    .max(5000, 'Notes must be 5000 characters or fewer')
    .optional()
    .transform((v) => v || null),
  decision: z
    .string()
    .optional()
    .transform((v) => v || null),
  decisionNote: z
    .string()
    .trim()
    .max(2000)
    .optional()
    .transform((v) => v || null),
});

export const actionSchema = z.object({
  text: z.string().trim().min(1, 'Enter the action').max(1000, 'The action must be 1000 characters or fewer'),
  ownerUserId: z.string({ message: 'Choose who owns the action' }).min(1, 'Choose who owns the action'),
  dueOn: z
    .string({ message: 'Enter the due date' })
    .trim()
    .min(1, 'Enter the due date')
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the due date as YYYY-MM-DD, for example 2027-02-03')
    .refine(isIsoDate, 'Enter a real due date'),
  rag: z.enum(['red', 'amber', 'green'], { message: 'Choose a RAG status' }),
  itemId: z
    .string()
    .optional()
    .transform((v) => v || null),
});

export const actionUpdateSchema = z.object({
  rag: z.enum(['red', 'amber', 'green'], { message: 'Choose a RAG status' }),
  text: z.string().trim().min(1, 'Enter the update').max(2000),
  done: z.string().optional(),
});

export const ATTENDANCE = ['present', 'apologies', 'absent'] as const;

export class ConductService {
  constructor(
    private readonly ctx: MeetingsContext,
    private readonly series: SeriesService,
    private readonly cases: CaseServices,
  ) {}

  /** A meeting whose record may still change: it has happened, and its minutes are not approved. */
  private async recordable(actor: Actor, meetingId: string) {
    const opened = await this.series.manageable(actor, meetingId);
    const { m } = opened;
    let refused: string | null = null;
    if (m.status === 'cancelled') refused = 'The meeting is cancelled';
    else if (m.minutes_status === 'approved')
      refused = 'The minutes are approved: the meeting’s record is sealed';
    else if (compareDates(m.held_on, this.ctx.today()) > 0)
      refused = `The meeting is on ${formatLongDate(m.held_on)}: record it on or after that day`;
    return { ...opened, refused };
  }

  /** The people who may be marked as attending: chairs, members by person and staff of member agencies. */
  async attendanceList(actor: Actor, meetingId: string) {
    const { m, series } = await this.series.open(actor, meetingId, 'attendance');
    const staff = await this.ctx.repo.staff(m.partnership_id);
    const recorded = await this.ctx.repo.attendance(m.id);
    const people = staff.filter(
      (u) =>
        seriesAccess(
          { ...actor.user, id: u.id, agencyId: u.agency_id, role: 'officer' },
          series,
          series.members,
        ).member,
    );
    return people.map((u) => ({
      userId: u.id,
      name: u.name,
      agency: u.agency_name,
      status: recorded.find((r) => r.user_id === u.id)?.status ?? '',
    }));
  }

  async recordAttendance(
    actor: Actor,
    meetingId: string,
    body: Record<string, unknown>,
  ): Promise<Result<null>> {
    const { m, refused } = await this.recordable(actor, meetingId);
    if (refused) return { ok: false, errors: { attendance: refused } };
    const list = await this.attendanceList(actor, meetingId);
    const rows = list
      .map((p) => ({ ...p, status: String(body[`status-${p.userId}`] ?? '') }))
      .filter((p) => (ATTENDANCE as readonly string[]).includes(p.status))
      .map((p) => ({
        id: newId(),
        partnership_id: m.partnership_id,
        meeting_id: m.id,
        user_id: p.userId,
        name: p.name,
        agency: p.agency,
        status: p.status,
      }));
    if (!rows.some((r) => r.status === 'present'))
      return { ok: false, errors: { attendance: 'Mark at least one person present' } };
    await this.ctx.transaction(async (trx) => {
      await this.ctx.repo.replaceAttendance(trx, m.id, rows);
      await this.ctx.repo.updateMeeting(trx, m.id, { status: 'held', updated_at: this.ctx.now() });
      await this.ctx.record(
        actor,
        'meeting.attendance-recorded',
        { type: 'meeting', id: m.id },
        { present: rows.filter((r) => r.status === 'present').length },
        trx,
      );
    });
    return { ok: true, value: null };
  }

  /** Notes and the decision on one item. A case decision goes on the case timeline. */
  async recordOutcome(
    actor: Actor,
    meetingId: string,
    itemId: string,
    form: z.infer<typeof outcomeSchema>,
  ): Promise<Result<null>> {
    const { m, series, refused } = await this.recordable(actor, meetingId);
    if (refused) return { ok: false, errors: { decision: refused } };
    const item = await this.ctx.repo.item(m.id, itemId);
    if (!item) throw notFound('Agenda item');
    const allowed: readonly string[] =
      item.kind === 'action' ? ACTION_DECISIONS : item.case_id ? CASE_DECISIONS : ['noted'];
    const errors: Errors = {};
    if (form.decision && !allowed.includes(form.decision))
      errors.decision = 'Choose a decision from the list';
    if (form.decision && NEEDS_NOTE[form.decision] && !form.decisionNote)
      errors.decisionNote = NEEDS_NOTE[form.decision];
    if (Object.keys(errors).length) return { ok: false, errors };
    if (item.decision && item.decision !== form.decision && item.kind !== 'custom' && form.decision)
      return { ok: false, errors: { decision: `The meeting decided this item already (${item.decision})` } };
    const now = this.ctx.now();
    const fresh = form.decision && !item.decision;
    await this.ctx.transaction(async (trx) => {
      await this.ctx.repo.updateItem(trx, item.id, {
        notes: form.notes,
        decision: form.decision,
        decision_note: form.decisionNote,
        decided_at: form.decision ? now : null,
      });
      if (fresh && item.kind === 'action' && item.source_id) {
        if (form.decision === 'done')
          await this.ctx.repo.updateAction(trx, item.source_id, {
            status: 'done',
            outcome: form.decisionNote,
            done_on: m.held_on,
            updated_at: now,
          });
        await this.ctx.repo.insertActionUpdate(trx, {
          id: newId(),
          partnership_id: m.partnership_id,
          action_id: item.source_id,
          meeting_id: m.id,
          at: now,
          by_name: actor.user.name,
          text: form.decisionNote!,
          carried: form.decision === 'done' ? null : form.decision,
        });
      }
      await this.ctx.record(
        actor,
        'meeting.item-recorded',
        { type: 'meeting', id: m.id },
        { itemId, decision: form.decision },
        trx,
      );
    });
    if (fresh && item.case_id && (CASE_DECISIONS as readonly string[]).includes(form.decision!))
      await this.cases.marac.recordMeetingOutcome(actor, item.case_id, {
        meetingId: m.id,
        meetingName: `${series.name} of ${formatLongDate(m.held_on)}`,
        referralId: item.kind === 'referral' ? item.source_id : null,
        decision: form.decision!,
        note: form.decisionNote,
      });
    return { ok: true, value: null };
  }

  async raiseAction(
    actor: Actor,
    meetingId: string,
    form: z.infer<typeof actionSchema>,
  ): Promise<Result<{ id: string }>> {
    const { m, refused } = await this.recordable(actor, meetingId);
    if (refused) return { ok: false, errors: { text: refused } };
    const owner = (await this.ctx.repo.staff(m.partnership_id)).find((u) => u.id === form.ownerUserId);
    const errors: Errors = {};
    if (!owner) errors.ownerUserId = 'Choose who owns the action';
    if (compareDates(form.dueOn, m.held_on) < 0)
      errors.dueOn = `The due date must be on or after the meeting (${formatLongDate(m.held_on)})`;
    const item = form.itemId ? await this.ctx.repo.item(m.id, form.itemId) : undefined;
    if (form.itemId && !item) errors.itemId = 'Choose an item of this meeting';
    if (Object.keys(errors).length || !owner) return { ok: false, errors };
    const id = newId();
    const now = this.ctx.now();
    await this.ctx.transaction(async (trx) => {
      await this.ctx.repo.insertAction(trx, {
        id,
        partnership_id: m.partnership_id,
        series_id: m.series_id,
        meeting_id: m.id,
        item_id: item?.id ?? null,
        case_id: item?.case_id ?? null,
        text: form.text,
        owner_user_id: owner.id,
        owner_name: owner.name,
        owner_agency: owner.agency_name,
        due_on: form.dueOn,
        rag: form.rag,
        status: 'open',
        outcome: null,
        done_on: null,
        created_by: actor.user.id,
        created_at: now,
        updated_at: now,
      });
      await this.ctx.record(
        actor,
        'meeting.action-raised',
        { type: 'meeting-action', id },
        { meetingId: m.id, owner: owner.id, dueOn: form.dueOn },
        trx,
      );
    });
    return { ok: true, value: { id } };
  }

  /** An update to an action by its owner or the meeting's coordinators: RAG, what was done, or done with the outcome. */
  async updateAction(
    actor: Actor,
    actionId: string,
    form: z.infer<typeof actionUpdateSchema>,
  ): Promise<Result<{ meetingId: string }>> {
    const a = await this.ctx.repo.action(actor.user.partnershipId, actionId);
    if (!a) throw notFound('Action');
    const { access } = await this.series.open(actor, a.meeting_id, 'action');
    if (a.owner_user_id !== actor.user.id && !access.manage) throw forbidden();
    if (a.status === 'done') return { ok: false, errors: { text: 'The action is done already' } };
    const now = this.ctx.now();
    await this.ctx.transaction(async (trx) => {
      await this.ctx.repo.updateAction(trx, a.id, {
        rag: form.rag,
        ...(form.done ? { status: 'done', outcome: form.text, done_on: this.ctx.today() } : {}),
        updated_at: now,
      });
      await this.ctx.repo.insertActionUpdate(trx, {
        id: newId(),
        partnership_id: a.partnership_id,
        action_id: a.id,
        meeting_id: null,
        at: now,
        by_name: actor.user.name,
        text: form.text,
        carried: null,
      });
      await this.ctx.record(
        actor,
        'meeting.action-updated',
        { type: 'meeting-action', id: a.id },
        { rag: form.rag, done: !!form.done },
        trx,
      );
    });
    return { ok: true, value: { meetingId: a.meeting_id } };
  }

  /** The user's open meeting actions, soonest due first. */
  myActions(actor: Actor) {
    return this.ctx.repo.actions(actor.user.partnershipId, { ownerUserId: actor.user.id, status: 'open' });
  }
}
