/**
 * Working days in England and Wales: Monday to Friday except bank holidays. Dates are
 * 'YYYY-MM-DD' calendar dates (see calendar-date.ts).
 */
import { isBankHolidayDayNumber } from './bank-holidays.js';
import {
  assertIsoDate,
  compareDates,
  dayOfWeekOfDayNumber,
  fromDayNumber,
  toDayNumber,
  type IsoDate,
} from './calendar-date.js';

export {
  bankHolidays,
  bankHolidayOn,
  easterSunday,
  isBankHoliday,
  type BankHoliday,
} from './bank-holidays.js';
export { addCalendarMonths, type IsoDate } from './calendar-date.js';

export function isWorkingDay(date: IsoDate): boolean {
  return isWorkingDayNumber(toDayNumber(date));
}

function isWorkingDayNumber(day: number): boolean {
  const dow = dayOfWeekOfDayNumber(day);
  return dow !== 0 && dow !== 6 && !isBankHolidayDayNumber(day);
}

/**
 * Moves n working days from the date: the day itself never counts, so a deadline "within 2
 * working days" of a Wednesday is the Friday. n = 0 returns the date unchanged (even on a
 * weekend); negative n moves backwards.
 */
export function addWorkingDays(date: IsoDate, n: number): IsoDate {
  assertIsoDate(date);
  if (!Number.isInteger(n)) throw new RangeError(`working days must be a whole number, got ${n}`);
  const step = n < 0 ? -1 : 1;
  let d = toDayNumber(date);
  for (let left = Math.abs(n); left > 0;) {
    d += step;
    if (isWorkingDayNumber(d)) left--;
  }
  return n === 0 ? date : fromDayNumber(d);
}

/**
 * Working days after a, up to and including b; negative (the same count) when b is before a.
 * So addWorkingDays(a, workingDaysBetween(a, b)) === b whenever b is a working day.
 */
export function workingDaysBetween(a: IsoDate, b: IsoDate): number {
  const order = compareDates(a, b);
  if (order === 0) return 0;
  const [from, to, sign] = order < 0 ? [a, b, 1] : [b, a, -1];
  const last = toDayNumber(to);
  let count = 0;
  for (let d = toDayNumber(from) + 1; d <= last; d++) {
    if (isWorkingDayNumber(d)) count++;
  }
  return sign * count;
}

/** The date itself when it is a working day, otherwise the next working day. */
export function nextWorkingDayOnOrAfter(date: IsoDate): IsoDate {
  let d = toDayNumber(date);
  while (!isWorkingDayNumber(d)) d++;
  return fromDayNumber(d);
}
