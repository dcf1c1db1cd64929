/**
 * Meeting series and their meetings: creating a series, keeping its meetings generated a rolling
 * 12 months ahead (moved off bank holidays), moving or cancelling one meeting, adding an extra one,
 * and opening a meeting under the series' confidentiality (refusals audited).
 */
import { z } from 'zod';
import { newId } from '../platform/db/ids.js';
import {
  addCalendarMonths,
  addDays,
  addWorkingDays,
  compareDates,
  isIsoDate,
  type IsoDate,
} from '../platform/dates/index.js';
import { forbidden, notFound } from '../platform/web/errors.js';
import { can } from '../platform/permissions/roles.js';
import { asList } from '../platform/web/forms.js';
import { describeSchedule, meetingDates, scheduleSchema, type Schedule } from './schedule.js';
import { chairsOf, seriesAccess, type Chair, type SeriesAccess } from './access.js';
import type { Actor, Errors, MeetingsContext, Result, Trx } from './context.js';
import type { MeetingSeriesTable, MeetingsTable } from './tables.js';

export const MEETING_TYPES: Record<string, string> = {
  ccm: 'City Community MARAC',
  tasking: 'Multi-agency tasking',
  nte: 'Night Time Economy meeting',
  llp: 'Licensing Liaison Partnership',
  cluster: 'Ward Cluster Panel',
};

const HORIZON_MONTHS = 12;
const time = z
  .string()
  .trim()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter the time as HH:MM, for example 10:00');
const whole = (field: string, max: number) =>
  z.coerce
    .number({ message: `Enter ${field} as a number` })
    .int(`Enter ${field} as a whole number`)
    .min(0)
    .max(max, `${field} must be ${max} or fewer`);

export const seriesFormSchema = z.object({
  name: z.string().trim().min(1, 'Enter the name of the meeting').max(120),
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9-]{2,12}$/, 'Enter a short code of 2 to 12 letters or numbers, for example CCM'),
  type: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9-]{2,30}$/, 'Choose the type of meeting, or enter a new one in lower case'),
  schedule: scheduleSchema,
  startTime: time,
  durationMinutes: whole('the length in minutes', 600),
  venue: z.string().trim().min(1, 'Enter where the meeting is held').max(200),
  ward: z
    .string()
    .trim()
    .max(120)
    .optional()
    .transform((v) => v || null),
  confidentiality: z.enum(['public', 'confidential'], {
    message: 'Choose whether the meeting is public or confidential',
  }),
  protectiveMarking: z
    .string()
    .trim()
    .min(1, 'Enter the protective marking, for example OFFICIAL-SENSITIVE')
    .max(40),
  termsOfReference: z.string().trim().min(1, 'Enter the terms of reference').max(5000),
  agendaCutoffDays: whole('the agenda cut-off', 30),
  minutesDeadlineDays: whole('the minutes deadline', 30),
  minutesPerCase: whole('the minutes per case', 120),
  chairUserIds: z.array(z.string()).min(1, 'Choose the chair').max(2, 'A meeting has at most two chairs'),
  memberAgencyIds: z.array(z.string()),
  memberUserIds: z.array(z.string()),
  /** Meetings are generated from this date. */
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
});
export type SeriesForm = z.infer<typeof seriesFormSchema>;

/** Turns a posted series form (flat fields) into the schema's shape. */
export function seriesFormInput(body: Record<string, unknown>) {
  const n = (v: unknown) => (v === undefined || v === '' ? undefined : Number(v));
  const kind = String(body.scheduleKind ?? '');
  return {
    ...body,
    schedule:
      kind === 'fortnightly'
        ? { kind, anchor: body.anchor }
        : { kind, nth: n(body.nth), weekday: n(body.weekday), firstMonth: n(body.firstMonth) },
    chairUserIds: asList(body.chairUserIds),
    memberAgencyIds: asList(body.memberAgencyIds),
    memberUserIds: asList(body.memberUserIds),
  };
}

export const extraMeetingSchema = z.object({
  seriesId: z.string({ message: 'Choose the series' }).min(1, 'Choose the series'),
  date: z
    .string({ message: 'Enter the date' })
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the date as YYYY-MM-DD, for example 2027-02-03')
    .refine(isIsoDate, 'Enter a real date'),
  startTime: time,
  chairUserId: z.string({ message: 'Choose the chair' }).min(1, 'Choose the chair'),
});

export const moveSchema = z.object({
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the date as YYYY-MM-DD, for example 2027-02-03')
    .refine(isIsoDate, 'Enter a real date'),
  startTime: time,
  venue: z.string().trim().min(1, 'Enter where the meeting is held').max(200),
  reason: z.string().trim().min(1, 'Say why the meeting is moved').max(300),
});

export interface SeriesView extends MeetingSeriesTable {
  rule: Schedule;
  scheduleText: string;
  typeLabel: string;
  chairList: Chair[];
  members: {
    agency_id: string | null;
    user_id: string | null;
    user_name: string | null;
    agency_name: string | null;
  }[];
}

export class SeriesService {
  constructor(private readonly ctx: MeetingsContext) {}

  private view(s: MeetingSeriesTable, members: SeriesView['members']): SeriesView {
    const rule = scheduleSchema.parse(JSON.parse(s.schedule));
    return {
      ...s,
      rule,
      scheduleText: describeSchedule(rule),
      typeLabel: MEETING_TYPES[s.type] ?? s.type,
      chairList: chairsOf(s.chairs),
      members,
    };
  }

  async all(partnershipId: string): Promise<SeriesView[]> {
    const rows = await this.ctx.repo.allSeries(partnershipId);
    const members = await this.ctx.repo.members(rows.map((r) => r.id));
    return rows.map((s) =>
      this.view(
        s,
        members.filter((m) => m.series_id === s.id),
      ),
    );
  }

  async get(partnershipId: string, id: string): Promise<SeriesView> {
    const s = await this.ctx.repo.series(partnershipId, id);
    if (!s) throw notFound('Meeting series');
    return this.view(s, await this.ctx.repo.members([id]));
  }

  /** The series this user may see, with their access to each. */
  async visible(actor: Actor): Promise<(SeriesView & { access: SeriesAccess })[]> {
    return (await this.all(actor.user.partnershipId))
      .map((s) => ({ ...s, access: seriesAccess(actor.user, s, s.members) }))
      .filter((s) => s.access.see);
  }

  async create(actor: Actor, form: SeriesForm): Promise<Result<{ id: string }>> {
    if (!can(actor.user.role, 'meetings.manage')) throw forbidden();
    const pid = actor.user.partnershipId;
    const staff = await this.ctx.repo.staff(pid);
    const agencies = await this.ctx.repo.agencies(pid);
    const errors: Errors = {};
    const chairs: Chair[] = [];
    for (const id of form.chairUserIds) {
      const u = staff.find((s) => s.id === id);
      if (!u) errors.chairUserIds = 'Choose the chair from the list';
      else chairs.push({ userId: u.id, name: u.name, agency: u.agency_name });
    }
    if (form.memberAgencyIds.some((a) => !agencies.some((x) => x.id === a)))
      errors.memberAgencyIds = 'Choose member agencies from the list';
    if (form.memberUserIds.some((a) => !staff.some((x) => x.id === a)))
      errors.memberUserIds = 'Choose members from the list';
    if ((await this.ctx.repo.allSeries(pid)).some((s) => s.code === form.code))
      errors.code = `Another series has the code ${form.code}`;
    if (Object.keys(errors).length) return { ok: false, errors };
    const id = newId();
    const now = this.ctx.now();
    await this.ctx.transaction(async (trx) => {
      const row: MeetingSeriesTable = {
        id,
        partnership_id: pid,
        code: form.code,
        type: form.type,
        name: form.name,
        schedule: JSON.stringify(form.schedule),
        start_time: form.startTime,
        duration_minutes: form.durationMinutes,
        venue: form.venue,
        ward: form.ward,
        confidentiality: form.confidentiality,
        protective_marking: form.protectiveMarking,
        terms_of_reference: form.termsOfReference,
        agenda_cutoff_days: form.agendaCutoffDays,
        minutes_deadline_days: form.minutesDeadlineDays,
        minutes_per_case: form.minutesPerCase,
        chairs: JSON.stringify(chairs),
        active: 1,
        created_at: now,
        updated_at: now,
      };
      await this.ctx.repo.insertSeries(trx, row);
      await this.ctx.repo.replaceMembers(trx, id, [
        ...form.memberAgencyIds.map((a) => ({
          id: newId(),
          partnership_id: pid,
          series_id: id,
          agency_id: a,
          user_id: null,
        })),
        ...form.memberUserIds.map((u) => ({
          id: newId(),
          partnership_id: pid,
          series_id: id,
          agency_id: null,
          user_id: u,
        })),
      ]);
      await this.generate(trx, row, form.from ?? this.ctx.today());
      await this.ctx.record(
        actor,
        'meeting.series-created',
        { type: 'meeting-series', id },
        { code: form.code, type: form.type },
        trx,
      );
    });
    return { ok: true, value: { id } };
  }

  /** Adds the series' meetings from `from` to 12 months from today that it does not have yet. */
  async generate(trx: Trx, s: MeetingSeriesTable, from: IsoDate, to?: IsoDate): Promise<number> {
    const until = to ?? addCalendarMonths(this.ctx.today(), HORIZON_MONTHS);
    const rule = scheduleSchema.parse(JSON.parse(s.schedule));
    const now = this.ctx.now();
    const rows: MeetingsTable[] = meetingDates(rule, from, until).map((d) => ({
      id: newId(),
      partnership_id: s.partnership_id,
      series_id: s.id,
      scheduled_on: d.scheduledOn,
      held_on: d.on,
      start_time: s.start_time,
      venue: s.venue,
      status: 'scheduled',
      moved_reason: d.movedReason,
      cancelled_reason: null,
      chairs: s.chairs,
      agenda_status: 'draft',
      agenda_built_at: null,
      minutes_status: 'none',
      minutes_due_on: null,
      minutes_circulated_at: null,
      minutes_approved_at: null,
      minutes_approved_in: null,
      minutes_hash: null,
      created_at: now,
      updated_at: now,
    }));
    await this.ctx.repo.insertMeetings(trx, rows);
    return rows.length;
  }

  /** Keeps every active series generated a rolling 12 months ahead (cheap when nothing is missing). */
  async topUp(partnershipId: string): Promise<void> {
    const horizon = addCalendarMonths(this.ctx.today(), HORIZON_MONTHS);
    for (const s of await this.ctx.repo.allSeries(partnershipId)) {
      if (!s.active) continue;
      const last = await this.ctx.repo.lastScheduledOn(s.id);
      if (last && compareDates(last, addDays(horizon, -7)) >= 0) continue;
      const from = last ? addDays(last, 1) : this.ctx.today();
      await this.ctx.transaction((trx) => this.generate(trx, s, from, horizon));
    }
  }

  /**
   * A meeting and its series, if the actor may see it. A refusal of a confidential meeting is
   * audited; so is every opening of one (`purpose` says what was opened).
   */
  async open(actor: Actor, meetingId: string, purpose = 'meeting') {
    const m = await this.ctx.repo.meeting(actor.user.partnershipId, meetingId);
    if (!m) throw notFound('Meeting');
    const series = await this.get(actor.user.partnershipId, m.series_id);
    const access = seriesAccess(actor.user, series, series.members);
    if (!access.see) {
      await this.ctx.record(
        actor,
        'meeting.access-denied',
        { type: 'meeting', id: m.id },
        { purpose, series: series.code },
        undefined,
        'not a member of a confidential meeting',
      );
      throw forbidden();
    }
    if (series.confidentiality !== 'public')
      await this.ctx.record(
        actor,
        'meeting.viewed',
        { type: 'meeting', id: m.id },
        { purpose, series: series.code },
      );
    return { m, series, access, dates: this.datesOf(series, m) };
  }

  /** The agenda cut-off and minutes deadline of a meeting, in working days. */
  datesOf(s: MeetingSeriesTable, m: MeetingsTable) {
    return {
      cutoff: addWorkingDays(m.held_on, -s.agenda_cutoff_days),
      minutesDue: m.minutes_due_on ?? addWorkingDays(m.held_on, s.minutes_deadline_days),
    };
  }

  async manageable(actor: Actor, meetingId: string) {
    const opened = await this.open(actor, meetingId, 'manage');
    if (!opened.access.manage) throw forbidden();
    return opened;
  }

  async move(actor: Actor, meetingId: string, form: z.infer<typeof moveSchema>): Promise<Result<null>> {
    const { m } = await this.manageable(actor, meetingId);
    if (m.status !== 'scheduled') return { ok: false, errors: { date: `This meeting is ${m.status}` } };
    await this.ctx.transaction(async (trx) => {
      await this.ctx.repo.updateMeeting(trx, m.id, {
        held_on: form.date,
        start_time: form.startTime,
        venue: form.venue,
        moved_reason: form.reason,
        updated_at: this.ctx.now(),
      });
      await this.ctx.record(
        actor,
        'meeting.moved',
        { type: 'meeting', id: m.id },
        { from: m.held_on, to: form.date },
        trx,
        form.reason,
      );
    });
    return { ok: true, value: null };
  }

  async cancel(actor: Actor, meetingId: string, reason: string): Promise<Result<null>> {
    const { m } = await this.manageable(actor, meetingId);
    if (!reason.trim()) return { ok: false, errors: { reason: 'Say why the meeting is cancelled' } };
    if (m.status !== 'scheduled') return { ok: false, errors: { reason: `This meeting is ${m.status}` } };
    await this.ctx.transaction(async (trx) => {
      await this.ctx.repo.updateMeeting(trx, m.id, {
        status: 'cancelled',
        cancelled_reason: reason.trim(),
        updated_at: this.ctx.now(),
      });
      await this.ctx.record(
        actor,
        'meeting.cancelled',
        { type: 'meeting', id: m.id },
        {},
        trx,
        reason.trim(),
      );
    });
    return { ok: true, value: null };
  }

  /** An extra meeting of a series, outside its rule: series, date and chair are all required. */
  async addMeeting(actor: Actor, input: Record<string, unknown>): Promise<Result<{ id: string }>> {
    if (!can(actor.user.role, 'meetings.manage')) throw forbidden();
    const parsed = extraMeetingSchema.safeParse(input);
    const errors: Errors = {};
    if (!parsed.success)
      for (const i of parsed.error.issues) errors[String(i.path[0] ?? 'form')] ??= i.message;
    const pid = actor.user.partnershipId;
    const series = parsed.success ? await this.ctx.repo.series(pid, parsed.data.seriesId) : undefined;
    if (parsed.success && !series) errors.seriesId = 'Choose the series';
    const chair = parsed.success
      ? (await this.ctx.repo.staff(pid)).find((u) => u.id === parsed.data.chairUserId)
      : undefined;
    if (parsed.success && !chair) errors.chairUserId = 'Choose the chair from the list';
    if (Object.keys(errors).length || !parsed.success || !series || !chair) return { ok: false, errors };
    const id = newId();
    const now = this.ctx.now();
    await this.ctx.transaction(async (trx) => {
      await this.ctx.repo.insertMeetings(trx, [
        {
          id,
          partnership_id: pid,
          series_id: series.id,
          scheduled_on: `${parsed.data.date}+${id.slice(-6)}`,
          held_on: parsed.data.date,
          start_time: parsed.data.startTime,
          venue: series.venue,
          status: 'scheduled',
          moved_reason: 'Extra meeting',
          cancelled_reason: null,
          chairs: JSON.stringify([{ userId: chair.id, name: chair.name, agency: chair.agency_name }]),
          agenda_status: 'draft',
          agenda_built_at: null,
          minutes_status: 'none',
          minutes_due_on: null,
          minutes_circulated_at: null,
          minutes_approved_at: null,
          minutes_approved_in: null,
          minutes_hash: null,
          created_at: now,
          updated_at: now,
        },
      ]);
      await this.ctx.record(
        actor,
        'meeting.added',
        { type: 'meeting', id },
        { seriesId: series.id, date: parsed.data.date },
        trx,
      );
    });
    return { ok: true, value: { id } };
  }
}
