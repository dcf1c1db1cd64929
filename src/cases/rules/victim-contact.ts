/**
 * Keeping in touch with the victim: the agreed contact frequency gives the next contact due and
 * whether it is overdue; and, under the 2025 statutory guidance, a victim reporting for the second
 * time within 6 months must be told about the ASB Case Review.
 */
import { z } from 'zod';
import {
  addCalendarMonths,
  addDays,
  daysBetween,
  isoDateSchema,
  type IsoDate,
} from '../../platform/dates/calendar-date.js';
import { nextWorkingDayOnOrAfter } from '../../platform/dates/working-days.js';

export const contactAgreementSchema = z
  .object({
    startOn: isoDateSchema,
    every: z.number().int().min(1).max(365),
    unit: z.enum(['day', 'week', 'month']),
    /** Move a due date that falls at a weekend or on a bank holiday to the next working day. */
    workingDaysOnly: z.boolean().default(true),
    endOn: isoDateSchema.nullish(),
  })
  .refine((a) => !a.endOn || a.endOn >= a.startOn, {
    path: ['endOn'],
    message: 'The agreement cannot end before it starts',
  });

export type ContactAgreementInput = z.input<typeof contactAgreementSchema>;

export const FREQUENCIES = {
  daily: { every: 1, unit: 'day' },
  weekly: { every: 1, unit: 'week' },
  fortnightly: { every: 2, unit: 'week' },
  monthly: { every: 1, unit: 'month' },
} as const;

export interface ContactRecord {
  on: IsoDate;
  /** False for an attempt that did not reach the victim. */
  made: boolean;
}

export interface ContactStatus {
  lastContactOn: IsoDate | null;
  nextDueOn: IsoDate | null;
  status: 'due' | 'due-today' | 'overdue' | 'ended';
  daysOverdue: number;
  /** Attempts that did not reach the victim since the last contact made. */
  failedAttempts: number;
  text: string;
}

function ordinal(n: number): string {
  const words = ['', 'first', 'second', 'third', 'fourth', 'fifth'];
  if (words[n]) return words[n];
  const tens = n % 100;
  const suffix =
    tens >= 11 && tens <= 13
      ? 'th'
      : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th');
  return `${n}${suffix}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function addInterval(date: IsoDate, every: number, unit: 'day' | 'week' | 'month'): IsoDate {
  return unit === 'month'
    ? addCalendarMonths(date, every)
    : addDays(date, unit === 'week' ? every * 7 : every);
}

/**
 * The next contact is due one interval after the last contact made (or after the start of the
 * agreement, which is itself a conversation with the victim). Attempts that fail do not reset it.
 */
export function victimContactStatus(
  agreementInput: ContactAgreementInput,
  contacts: readonly ContactRecord[],
  today: IsoDate,
): ContactStatus {
  const a = contactAgreementSchema.parse(agreementInput);
  isoDateSchema.parse(today);
  contacts.forEach((c, i) => {
    if (!isoDateSchema.safeParse(c.on).success)
      throw new RangeError(`contacts.${i}.on is not a real date: ${JSON.stringify(c.on)}`);
  });
  const relevant = contacts.filter((c) => c.on >= a.startOn && c.on <= today);
  const made = relevant
    .filter((c) => c.made)
    .map((c) => c.on)
    .sort();
  const lastContactOn = made.at(-1) ?? null;
  const failedAttempts = relevant.filter((c) => !c.made && (!lastContactOn || c.on > lastContactOn)).length;

  if (a.endOn && a.endOn <= today) {
    return {
      lastContactOn,
      nextDueOn: null,
      status: 'ended',
      daysOverdue: 0,
      failedAttempts,
      text: `Contact agreement ended on ${a.endOn}`,
    };
  }
  let nextDueOn = addInterval(lastContactOn ?? a.startOn, a.every, a.unit);
  if (a.workingDaysOnly) nextDueOn = nextWorkingDayOnOrAfter(nextDueOn);
  const attempts = failedAttempts ? `; ${plural(failedAttempts, 'attempt')} since did not reach them` : '';
  const since = lastContactOn ? `last contact ${lastContactOn}` : 'no contact since the agreement began';
  if (today > nextDueOn) {
    const daysOverdue = daysBetween(nextDueOn, today);
    return {
      lastContactOn,
      nextDueOn,
      status: 'overdue',
      daysOverdue,
      failedAttempts,
      text: `Contact overdue by ${plural(daysOverdue, 'day')}: it was due ${nextDueOn} (${since}${attempts})`,
    };
  }
  return {
    lastContactOn,
    nextDueOn,
    status: today === nextDueOn ? 'due-today' : 'due',
    daysOverdue: 0,
    failedAttempts,
    text: `${today === nextDueOn ? 'Contact due today' : `Next contact due ${nextDueOn}`} (${since}${attempts})`,
  };
}

export interface VictimReport {
  id: string;
  reportedOn: IsoDate;
  /** Reports sharing a key are one incident reported more than once, and count once. */
  incidentKey?: string | null;
}

export interface CaseReviewPrompt {
  prompt: boolean;
  reason: string;
  /** The report that makes it the second (or later) within 6 months. */
  reportId: string | null;
  earlierReportId: string | null;
}

/**
 * True when the victim's latest report (up to today) is at least their second within 6 months:
 * an earlier report of a different incident on or after the date 6 calendar months before it.
 * `toldOn`, when the victim was last told about the ASB Case Review, stops a repeat prompt.
 */
export function shouldPromptCaseReview(
  reportsByVictim: readonly VictimReport[],
  today: IsoDate,
  toldOn: IsoDate | null = null,
): CaseReviewPrompt {
  isoDateSchema.parse(today);
  reportsByVictim.forEach((r, i) => {
    if (!isoDateSchema.safeParse(r.reportedOn).success) {
      throw new RangeError(`reports.${i}.reportedOn is not a real date: ${JSON.stringify(r.reportedOn)}`);
    }
  });
  // One report per incident: the first time it was reported.
  const firstByIncident = new Map<string, VictimReport>();
  for (const r of [...reportsByVictim]
    .filter((r) => r.reportedOn <= today)
    .sort((x, y) => x.reportedOn.localeCompare(y.reportedOn))) {
    const key = r.incidentKey ?? `report:${r.id}`;
    if (!firstByIncident.has(key)) firstByIncident.set(key, r);
  }
  const reports = [...firstByIncident.values()];
  const latest = reports.at(-1);
  const none = (reason: string): CaseReviewPrompt => ({
    prompt: false,
    reason,
    reportId: null,
    earlierReportId: null,
  });
  if (!latest) return none('No reports from this victim');
  const earlier = reports
    .slice(0, -1)
    .filter((r) => addCalendarMonths(r.reportedOn, 6) >= latest.reportedOn)
    .at(-1);
  if (!earlier) return none('No other report from this victim in the 6 months before the latest one');
  if (toldOn && toldOn >= latest.reportedOn) {
    return {
      prompt: false,
      reason: `Already told about the ASB Case Review on ${toldOn}`,
      reportId: latest.id,
      earlierReportId: earlier.id,
    };
  }
  const count = reports.filter((r) => addCalendarMonths(r.reportedOn, 6) >= latest.reportedOn).length;
  return {
    prompt: true,
    reason: `Report ${latest.id} on ${latest.reportedOn} is this victim's ${ordinal(count)} within 6 months (the previous was ${earlier.id} on ${earlier.reportedOn}): tell them about the ASB Case Review`,
    reportId: latest.id,
    earlierReportId: earlier.id,
  };
}
