/**
 * The weekend a Monday night-time-economy pack looks back on: from Friday evening to Monday
 * morning, London time (the hours are settings), run on to Tuesday morning after a bank-holiday
 * Monday when the partnership chooses. Instants are UTC, so clock changes move them correctly.
 */
import { z } from 'zod';
import {
  addDays,
  dayOfWeek,
  formatLongDate,
  isBankHoliday,
  isIsoDate,
  londonDateOf,
  londonInstant,
  type IsoDate,
} from '../platform/dates/index.js';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter a time as HH:MM, for example 18:00');

export const nteSettingsSchema = z.object({
  /** Friday's local time the weekend starts. */
  startTime: hhmm.default('18:00'),
  /** Monday's (or Tuesday's) local time the weekend ends. */
  endTime: hhmm.default('06:00'),
  /** After a bank-holiday Monday the weekend runs to Tuesday morning. */
  bankHolidayMondayExtends: z.boolean().default(true),
  /** How many earlier weekends the comparison averages. */
  compareWeekends: z.number().int().min(1).max(12).default(4),
  /** The licensing team's shared address, told when a premises changes colour. */
  licensingTeamEmail: z.email('Enter an email address, like licensing@example.gov.uk').optional(),
});
export type NteSettings = z.output<typeof nteSettingsSchema>;
export type NteSettingsInput = z.input<typeof nteSettingsSchema>;

export interface WeekendWindow {
  /** The Friday, YYYY-MM-DD. */
  friday: IsoDate;
  /** The last London date the window touches (Monday, or Tuesday after a bank holiday). */
  lastDay: IsoDate;
  /** UTC instants: the window is from <= t < to. */
  from: string;
  to: string;
  bankHolidayMonday: boolean;
  /** How long the window is, in hours (63 normally; 62 or 64 across a clock change). */
  hours: number;
}

export class WeekendError extends Error {}

/** Checks a weekend is given by its Friday; the message says what was typed and why it is refused. */
export function parseFriday(value: string): IsoDate {
  const v = value.trim();
  if (!isIsoDate(v)) throw new WeekendError(`Enter the weekend's Friday as YYYY-MM-DD (you gave "${value}")`);
  if (dayOfWeek(v) !== 5) {
    const day = formatLongDate(v).split(' ')[0];
    throw new WeekendError(`${v} is a ${day}: give the Friday the weekend starts on`);
  }
  return v;
}

export function weekendWindow(friday: IsoDate, settingsInput: NteSettingsInput = {}): WeekendWindow {
  const s = nteSettingsSchema.parse(settingsInput);
  const monday = addDays(friday, 3);
  const bankHolidayMonday = isBankHoliday(monday);
  const lastDay = bankHolidayMonday && s.bankHolidayMondayExtends ? addDays(monday, 1) : monday;
  const from = londonInstant(friday, s.startTime);
  const to = londonInstant(lastDay, s.endTime);
  return {
    friday,
    lastDay,
    from,
    to,
    bankHolidayMonday,
    hours: (Date.parse(to) - Date.parse(from)) / 3_600_000,
  };
}

/** The Friday of the most recent weekend that has ended by `nowIso`. */
export function lastEndedWeekend(nowIso: string, settingsInput: NteSettingsInput = {}): IsoDate {
  let friday = londonDateOf(nowIso);
  while (dayOfWeek(friday) !== 5) friday = addDays(friday, -1);
  for (;;) {
    if (weekendWindow(friday, settingsInput).to <= nowIso) return friday;
    friday = addDays(friday, -7);
  }
}

/** The Fridays of the weekends a pack compares with, most recent first. */
export function previousFridays(friday: IsoDate, count: number): IsoDate[] {
  return Array.from({ length: count }, (_, i) => addDays(friday, -7 * (i + 1)));
}
