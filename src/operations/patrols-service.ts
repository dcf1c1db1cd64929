/**
 * Patrol shifts and joint operations at a place, and what they did; the benefits view puts activity
 * by month beside the ASB reports within the same radius, and compares equal periods before and
 * after an operation.
 */
import { z } from 'zod';
import { TZDate } from '@date-fns/tz';
import type { AppDeps } from '../platform/module.js';
import type { CurrentUser } from '../platform/auth/users.js';
import { newId } from '../platform/db/ids.js';
import { notFound } from '../platform/web/errors.js';
import { addDays, addCalendarMonths, todayInLondon, londonDateOf } from '../platform/dates/calendar-date.js';
import { requiredDate } from '../cases/form-dates.js';
import { ReportService } from '../reports/service.js';
import { findPlace } from '../reports/geo/gazetteer.js';
import { PatrolsRepository } from './patrols-repository.js';
import type { ActivityCounts } from './tables.js';
import type { Errors } from './contacts-service.js';

const count = (what: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => v || '0')
    .refine((v) => /^\d+$/.test(v), `Enter the number of ${what} as a whole number of 0 or more`)
    .transform(Number);
const text = (message: string, max: number) =>
  z.string({ error: message }).trim().min(1, message).max(max, `Enter no more than ${max} characters`);
const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Enter no more than ${max} characters`)
    .optional()
    .transform((v) => (v ? v : null));
const time = (what: string) =>
  z
    .string({ error: `Enter the ${what}` })
    .trim()
    .min(1, `Enter the ${what}`)
    .regex(/^([01]?\d|2[0-3])[:.][0-5]\d$/, `Enter the ${what} as hours and minutes, like 21:30`);
const place = text('Choose the place from the list', 200).refine(
  (v) => !!findPlace(v),
  'Choose the place from the list',
);
const radius = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || '300')
  .refine(
    (v) => /^\d+$/.test(v) && Number(v) >= 50 && Number(v) <= 2000,
    'Enter a radius between 50 and 2000 metres',
  )
  .transform(Number);
const activity = {
  engagements: count('engagements'),
  warnings: count('warnings'),
  fixedPenalties: count('fixed penalties'),
  seizures: count('seizures'),
  arrests: count('arrests'),
};

export const shiftSchema = z.object({
  patrolledBy: text('Enter who patrolled', 200),
  place,
  radius,
  on: requiredDate('the date of the shift'),
  start: time('start time'),
  end: time('end time'),
  ...activity,
  notes: optional(2000),
});
export type ShiftForm = z.output<typeof shiftSchema>;

export const operationSchema = z.object({
  name: text('Enter the name of the operation', 200),
  briefing: text('Enter the briefing', 5000),
  agencies: text('Enter the agencies taking part', 500),
  officers: optional(1000),
  heldOn: requiredDate('the date of the operation'),
  place,
  radius,
  ...activity,
  outcomeNotes: optional(5000),
  reportRefs: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? '')
        .split(/[\s,;]+/)
        .map((s) => s.trim().toUpperCase())
        .filter(Boolean),
    ),
});
export type OperationForm = z.output<typeof operationSchema>;

const at = (date: string, hhmm: string) => {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = hhmm.split(/[:.]/).map(Number);
  return new Date(new TZDate(y, m - 1, d, hh, mm, 0, 0, 'Europe/London').getTime());
};
const countsOf = (f: {
  engagements: number;
  warnings: number;
  fixedPenalties: number;
  seizures: number;
  arrests: number;
}): ActivityCounts => ({
  engagements: f.engagements,
  warnings: f.warnings,
  fixed_penalties: f.fixedPenalties,
  seizures: f.seizures,
  arrests: f.arrests,
});

/** Days in each of the two equal periods of a before/after comparison. */
export const COMPARISON_DAYS = 28;

export class PatrolsService {
  private readonly repo: PatrolsRepository;
  private readonly reports: ReportService;
  constructor(
    private readonly deps: AppDeps,
    uses: { reports?: ReportService } = {},
  ) {
    this.repo = new PatrolsRepository(deps.db);
    this.reports = uses.reports ?? new ReportService(deps);
  }

  private today() {
    return todayInLondon(this.deps.clock.now());
  }

  async recordShift(user: CurrentUser, f: ShiftForm): Promise<Errors> {
    if (f.on > this.today()) return { on: 'The date of the shift must be today or in the past' };
    const starts = at(f.on, f.start);
    let ends = at(f.on, f.end);
    if (ends <= starts) ends = at(addDays(f.on, 1), f.end); // a night shift past midnight
    if (ends.getTime() - starts.getTime() > 16 * 3_600_000)
      return { end: 'A shift can last at most 16 hours' };
    const p = findPlace(f.place)!;
    await this.repo.insertShift({
      id: newId(),
      partnership_id: user.partnershipId,
      patrolled_by: f.patrolledBy,
      place_name: p.name,
      lat: p.lat,
      lng: p.lng,
      radius_metres: f.radius,
      starts_at: starts.toISOString(),
      ends_at: ends.toISOString(),
      ...countsOf(f),
      notes: f.notes,
      created_by: user.id,
      created_at: this.deps.clock.iso(),
    });
    return {};
  }

  async recordOperation(user: CurrentUser, f: OperationForm): Promise<{ errors: Errors; id?: string }> {
    if (f.heldOn > this.today())
      return { errors: { heldOn: 'The date of the operation must be today or in the past' } };
    for (const ref of f.reportRefs)
      if (!(await this.reports.summary(user.partnershipId, ref)))
        return { errors: { reportRefs: `There is no report with the reference ${ref}` } };
    const p = findPlace(f.place)!;
    const id = newId();
    await this.repo.insertOperation({
      id,
      partnership_id: user.partnershipId,
      name: f.name,
      briefing: f.briefing,
      agencies: f.agencies,
      officers: f.officers,
      held_on: f.heldOn,
      place_name: p.name,
      lat: p.lat,
      lng: p.lng,
      radius_metres: f.radius,
      ...countsOf(f),
      outcome_notes: f.outcomeNotes,
      report_refs: JSON.stringify(f.reportRefs),
      created_by: user.id,
      created_at: this.deps.clock.iso(),
    });
    return { errors: {}, id };
  }

  async list(partnershipId: string) {
    const [shifts, operations] = await Promise.all([
      this.repo.shifts(partnershipId),
      this.repo.operations(partnershipId),
    ]);
    return { shifts, operations };
  }

  /** Report dates (the day the behaviour happened, or was reported) within the radius of a point. */
  private async reportDays(partnershipId: string, lat: number, lng: number, radiusMetres: number) {
    const rows = await this.reports.reportsAt(partnershipId, { lat, lng, radiusMetres });
    return rows.map((r) => londonDateOf(r.occurred_at ?? r.created_at));
  }

  /** An operation, with reports in equal periods before and after it and activity beside reports by month. */
  async operationView(user: CurrentUser, id: string) {
    const op = await this.repo.operation(user.partnershipId, id);
    if (!op) throw notFound('Operation');
    const days = await this.reportDays(user.partnershipId, op.lat, op.lng, op.radius_metres);
    const beforeFrom = addDays(op.held_on, -COMPARISON_DAYS);
    const afterTo = addDays(op.held_on, COMPARISON_DAYS);
    const today = this.today();
    const before = days.filter((d) => d >= beforeFrom && d < op.held_on).length;
    const after = days.filter((d) => d > op.held_on && d <= afterTo).length;
    const afterComplete = afterTo <= today;
    const shifts = (await this.repo.shifts(user.partnershipId)).filter((s) => s.place_name === op.place_name);
    const months = this.byMonth(
      addCalendarMonths(op.held_on, -5).slice(0, 7),
      today.slice(0, 7),
      days,
      shifts,
      [op],
    );
    return {
      op,
      refs: JSON.parse(op.report_refs) as string[],
      comparison: { days: COMPARISON_DAYS, beforeFrom, afterTo, before, after, afterComplete },
      months,
    };
  }

  /** Per month: patrol shifts and hours, operations, and reports in the area. */
  private byMonth(
    from: string,
    to: string,
    reportDays: string[],
    shifts: { starts_at: string; ends_at: string; engagements: number }[],
    ops: { held_on: string }[],
  ) {
    const out: { month: string; shifts: number; hours: number; operations: number; reports: number }[] = [];
    for (let m = from; m <= to; m = addCalendarMonths(`${m}-01`, 1).slice(0, 7)) {
      const inMonth = shifts.filter((s) => londonDateOf(s.starts_at).startsWith(m));
      out.push({
        month: m,
        shifts: inMonth.length,
        hours: Math.round(
          inMonth.reduce((h, s) => h + (Date.parse(s.ends_at) - Date.parse(s.starts_at)) / 3_600_000, 0),
        ),
        operations: ops.filter((o) => o.held_on.startsWith(m)).length,
        reports: reportDays.filter((d) => d.startsWith(m)).length,
      });
    }
    return out;
  }
}
