/**
 * ASB Case Review timescales, counted in England and Wales working days. Each deadline runs from
 * the day after its start (a deadline of 2 working days from a Wednesday is the Friday).
 */
import { z } from 'zod';
import { formatLongDate, type IsoDate, assertIsoDate } from '../../platform/dates/calendar-date.js';
import { addWorkingDays, workingDaysBetween } from '../../platform/dates/working-days.js';

const workingDays = (fallback: number) => z.number().int().min(1).max(120).default(fallback);

export const deadlineSettingsSchema = z
  .object({
    /** From the day the application was received. */
    acknowledgeWorkingDays: workingDays(2),
    thresholdDecisionWorkingDays: workingDays(5),
    panelWorkingDays: workingDays(12),
    outcomeWorkingDays: workingDays(15),
    /** From the day the outcome was sent: how long the applicant has to ask for an appeal. */
    appealRequestWorkingDays: workingDays(10),
    /** From the day the appeal was asked for. */
    appealOutcomeWorkingDays: workingDays(15),
    /** A deadline this many working days away or fewer shows as "due soon". */
    dueSoonWorkingDays: z.number().int().min(0).max(20).default(1),
  })
  .superRefine((s, ctx) => {
    const order = [
      ['acknowledgeWorkingDays', s.acknowledgeWorkingDays],
      ['thresholdDecisionWorkingDays', s.thresholdDecisionWorkingDays],
      ['panelWorkingDays', s.panelWorkingDays],
      ['outcomeWorkingDays', s.outcomeWorkingDays],
    ] as const;
    for (let i = 1; i < order.length; i++) {
      if (order[i][1] < order[i - 1][1]) {
        ctx.addIssue({
          code: 'custom',
          path: [order[i][0]],
          message: `${order[i][0]} (${order[i][1]}) cannot be sooner than ${order[i - 1][0]} (${order[i - 1][1]})`,
        });
      }
    }
  });

export type DeadlineSettings = z.infer<typeof deadlineSettingsSchema>;
export type DeadlineSettingsInput = z.input<typeof deadlineSettingsSchema>;
export const DEFAULT_DEADLINE_SETTINGS: DeadlineSettings = deadlineSettingsSchema.parse({});

export type DeadlineKey =
  'acknowledge' | 'threshold-decision' | 'panel' | 'outcome' | 'appeal-request' | 'appeal-outcome';

/** What has happened so far to an application, as dates. */
export interface CaseReviewDates {
  receivedOn: IsoDate;
  acknowledgedOn?: IsoDate | null;
  thresholdDecidedOn?: IsoDate | null;
  /** False when the threshold was not met: no panel is due, and the decision letter is the outcome. */
  thresholdMet?: boolean | null;
  panelHeldOn?: IsoDate | null;
  outcomeSentOn?: IsoDate | null;
  appealRequestedOn?: IsoDate | null;
  appealDecidedOn?: IsoDate | null;
}

export interface Deadline {
  key: DeadlineKey;
  label: string;
  /** Whose move it is: the applicant's appeal window lapses rather than goes overdue. */
  owner: 'partnership' | 'applicant';
  startsOn: IsoDate;
  workingDays: number;
  dueOn: IsoDate;
  completedOn: IsoDate | null;
}

export type DeadlineStatus = 'done' | 'done-late' | 'due' | 'due-soon' | 'due-today' | 'overdue' | 'lapsed';

export interface DeadlineWithStatus extends Deadline {
  status: DeadlineStatus;
  /** Working days from today to the due date: negative when overdue; null once done. */
  workingDaysLeft: number | null;
  text: string;
}

/** The deadlines that apply to an application so far, in order. */
export function caseReviewDeadlines(
  dates: CaseReviewDates,
  settingsInput: DeadlineSettingsInput = {},
): Deadline[] {
  const s = deadlineSettingsSchema.parse(settingsInput);
  for (const [field, value] of Object.entries(dates)) {
    if (field.endsWith('On') && value != null) assertIsoDate(value, field);
  }
  const make = (
    key: DeadlineKey,
    label: string,
    startsOn: IsoDate,
    days: number,
    completedOn: IsoDate | null | undefined,
    owner: Deadline['owner'] = 'partnership',
  ): Deadline => ({
    key,
    label,
    owner,
    startsOn,
    workingDays: days,
    dueOn: addWorkingDays(startsOn, days),
    completedOn: completedOn ?? null,
  });

  const r = dates.receivedOn;
  const list = [
    make('acknowledge', 'Acknowledge the application', r, s.acknowledgeWorkingDays, dates.acknowledgedOn),
    make(
      'threshold-decision',
      'Decide whether the threshold is met',
      r,
      s.thresholdDecisionWorkingDays,
      dates.thresholdDecidedOn,
    ),
  ];
  if (dates.thresholdMet !== false) {
    list.push(make('panel', 'Hold the review panel', r, s.panelWorkingDays, dates.panelHeldOn));
  }
  list.push(
    make('outcome', 'Send the outcome to the applicant', r, s.outcomeWorkingDays, dates.outcomeSentOn),
  );
  if (dates.outcomeSentOn) {
    list.push(
      make(
        'appeal-request',
        'Applicant may ask for an appeal',
        dates.outcomeSentOn,
        s.appealRequestWorkingDays,
        dates.appealRequestedOn,
        'applicant',
      ),
    );
  }
  if (dates.appealRequestedOn) {
    list.push(
      make(
        'appeal-outcome',
        'Send the appeal outcome',
        dates.appealRequestedOn,
        s.appealOutcomeWorkingDays,
        dates.appealDecidedOn,
      ),
    );
  }
  return list;
}

function plural(n: number): string {
  return `${n} working ${n === 1 ? 'day' : 'days'}`;
}

/** Where a deadline stands on a given day. */
export function deadlineStatus(
  deadline: Pick<Deadline, 'dueOn' | 'completedOn' | 'owner'>,
  today: IsoDate,
  dueSoonWorkingDays = DEFAULT_DEADLINE_SETTINGS.dueSoonWorkingDays,
): { status: DeadlineStatus; workingDaysLeft: number | null; text: string } {
  assertIsoDate(today, 'today');
  const due = formatLongDate(deadline.dueOn);
  if (deadline.completedOn) {
    const late = workingDaysBetween(deadline.dueOn, deadline.completedOn);
    return late > 0
      ? {
          status: 'done-late',
          workingDaysLeft: null,
          text: `Done ${plural(late)} late, on ${formatLongDate(deadline.completedOn)} (due ${due})`,
        }
      : {
          status: 'done',
          workingDaysLeft: null,
          text: `Done on ${formatLongDate(deadline.completedOn)} (due ${due})`,
        };
  }
  const left = workingDaysBetween(today, deadline.dueOn);
  if (today > deadline.dueOn) {
    const over = workingDaysBetween(deadline.dueOn, today);
    if (deadline.owner === 'applicant')
      return { status: 'lapsed', workingDaysLeft: -over, text: `Time ran out on ${due}` };
    return {
      status: 'overdue',
      workingDaysLeft: -over,
      text: `Overdue by ${plural(over)}: it was due ${due}`,
    };
  }
  if (today === deadline.dueOn) return { status: 'due-today', workingDaysLeft: 0, text: `Due today, ${due}` };
  if (left <= dueSoonWorkingDays)
    return { status: 'due-soon', workingDaysLeft: left, text: `Due ${due} (${plural(left)} left)` };
  return { status: 'due', workingDaysLeft: left, text: `Due ${due} (${plural(left)} left)` };
}

/** Every deadline of an application with its status on the given day. */
export function caseReviewDeadlineReport(
  dates: CaseReviewDates,
  today: IsoDate,
  settingsInput: DeadlineSettingsInput = {},
): DeadlineWithStatus[] {
  const s = deadlineSettingsSchema.parse(settingsInput);
  return caseReviewDeadlines(dates, s).map((d) => ({
    ...d,
    ...deadlineStatus(d, today, s.dueSoonWorkingDays),
  }));
}
