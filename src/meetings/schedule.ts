/**
 * When a meeting series meets: the rule (monthly on the nth weekday, quarterly, every two weeks,
 * every week), the dates it gives, and each date moved off a bank holiday to the next working day
 * with the reason. Times are London wall-clock times; instants are worked out per date, so a
 * meeting at 18:00 stays at 18:00 either side of a clock change.
 */
import { TZDate } from '@date-fns/tz';
import { z } from 'zod';
import {
  addDays,
  bankHolidayOn,
  compareDates,
  dayOfWeek,
  formatLongDate,
  isWorkingDay,
  nextWorkingDayOnOrAfter,
  type IsoDate,
} from '../platform/dates/index.js';

const weekday = z.number().int().min(0).max(6);
const nth = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(-1)]);

export const scheduleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('monthly'), nth, weekday }),
  z.object({
    kind: z.literal('quarterly'),
    nth,
    weekday,
    /** The first month of the cycle (1-12): 1 gives January, April, July and October. */
    firstMonth: z.number().int().min(1).max(12),
  }),
  z.object({ kind: z.literal('fortnightly'), anchor: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
  z.object({ kind: z.literal('weekly'), weekday }),
]);
export type Schedule = z.infer<typeof scheduleSchema>;

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const NTH = { 1: 'first', 2: 'second', 3: 'third', 4: 'fourth', [-1]: 'last' } as Record<number, string>;

export function describeSchedule(s: Schedule): string {
  switch (s.kind) {
    case 'monthly':
      return `Monthly, on the ${NTH[s.nth]} ${WEEKDAYS[s.weekday]}`;
    case 'quarterly':
      return `Quarterly, on the ${NTH[s.nth]} ${WEEKDAYS[s.weekday]}`;
    case 'fortnightly':
      return `Every two weeks, on ${WEEKDAYS[dayOfWeek(s.anchor)]}s`;
    case 'weekly':
      return `Every ${WEEKDAYS[s.weekday]}`;
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The nth (or last, -1) given weekday of a month. */
export function nthWeekdayOfMonth(year: number, month: number, n: number, wd: number): IsoDate {
  if (n === -1) {
    const last = new Date(Date.UTC(year, month, 0));
    const back = (last.getUTCDay() - wd + 7) % 7;
    return `${year}-${pad(month)}-${pad(last.getUTCDate() - back)}`;
  }
  const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  return `${year}-${pad(month)}-${pad(1 + ((wd - first + 7) % 7) + (n - 1) * 7)}`;
}

/** The dates the rule gives from `from` to `to` inclusive, before any bank-holiday move. */
export function ruleDates(s: Schedule, from: IsoDate, to: IsoDate): IsoDate[] {
  const out: IsoDate[] = [];
  const inRange = (d: IsoDate) => compareDates(d, from) >= 0 && compareDates(d, to) <= 0;
  if (s.kind === 'monthly' || s.kind === 'quarterly') {
    let y = Number(from.slice(0, 4));
    let m = Number(from.slice(5, 7));
    while (`${y}-${pad(m)}` <= to.slice(0, 7)) {
      const due = s.kind === 'monthly' || (m - s.firstMonth + 12) % 3 === 0;
      const d = due ? nthWeekdayOfMonth(y, m, s.nth, s.weekday) : null;
      if (d && inRange(d)) out.push(d);
      if (++m > 12) [y, m] = [y + 1, 1];
    }
    return out;
  }
  const step = s.kind === 'weekly' ? 7 : 14;
  let d: IsoDate;
  if (s.kind === 'weekly') d = addDays(from, (s.weekday - dayOfWeek(from) + 7) % 7);
  else {
    const gap = Math.round((Date.parse(from) - Date.parse(s.anchor)) / 86_400_000);
    d = addDays(s.anchor, Math.ceil(Math.max(gap, 0) / step) * step);
    if (gap < 0) d = s.anchor;
  }
  for (; compareDates(d, to) <= 0; d = addDays(d, step)) if (inRange(d)) out.push(d);
  return out;
}

export interface PlacedDate {
  /** The date the rule gives. */
  scheduledOn: IsoDate;
  /** The date the meeting is held: the next working day when the rule's date is a bank holiday. */
  on: IsoDate;
  movedReason: string | null;
}

/** Moves a date that falls on a bank holiday (or weekend) to the next working day, saying why. */
export function placeOnWorkingDay(date: IsoDate): PlacedDate {
  if (isWorkingDay(date)) return { scheduledOn: date, on: date, movedReason: null };
  const on = nextWorkingDayOnOrAfter(date);
  const holiday = bankHolidayOn(date);
  const why = holiday ? `${holiday.name}, a bank holiday` : 'not a working day';
  return { scheduledOn: date, on, movedReason: `Moved from ${formatLongDate(date)} (${why})` };
}

/** The meeting dates a series has between two dates, each placed on a working day. */
export function meetingDates(s: Schedule, from: IsoDate, to: IsoDate): PlacedDate[] {
  return ruleDates(s, from, to).map(placeOnWorkingDay);
}

/** The instant a London wall-clock time on a date happens (GMT or BST as that date has it). */
export function londonInstant(date: IsoDate, time: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  return new Date(new TZDate(y, m - 1, d, hh, mm, 0, 'Europe/London').getTime());
}
