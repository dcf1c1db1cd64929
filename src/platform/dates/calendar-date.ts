/**
 * Calendar dates as 'YYYY-MM-DD' strings: a day on the Europe/London calendar, with no time and no
 * time zone. Day arithmetic runs on whole days since 1970-01-01 (UTC-based, so the machine's zone
 * plays no part); month arithmetic uses date-fns on local-noon Date objects, which no
 * daylight-saving change can move onto another day.
 */
import { addMonths, differenceInYears, format } from 'date-fns';
import { TZDate } from '@date-fns/tz';
import { z } from 'zod';

/** A calendar date 'YYYY-MM-DD' (Europe/London calendar). */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(value: string): [number, number, number] | null {
  const m = ISO_DATE.exec(value);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return null;
  const lastDay = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d > lastDay ? null : [y, mo, d];
}

export function isIsoDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && parts(value) !== null;
}

/** Throws a RangeError naming the value (and the field, when given) unless it is a real date. */
export function assertIsoDate(value: unknown, field = 'date'): asserts value is IsoDate {
  if (!isIsoDate(value)) {
    throw new RangeError(`${field} must be a real date written YYYY-MM-DD, got ${JSON.stringify(value)}`);
  }
}

export const isoDateSchema = z
  .string()
  .refine(isIsoDate, { message: 'Enter a real date in the form YYYY-MM-DD' });

/** Local noon on the date: safe from daylight-saving shifts in any machine time zone. */
export function toLocalNoon(date: IsoDate): Date {
  assertIsoDate(date);
  const [y, m, d] = parts(date)!;
  const result = new Date(2000, 0, 1, 12);
  result.setFullYear(y, m - 1, d); // setFullYear keeps years 0-99 literal
  return result;
}

const DAY_MS = 86_400_000;

/** Whole days since 1970-01-01 (negative before it). */
export function toDayNumber(date: IsoDate): number {
  const p = parts(date);
  if (!p) assertIsoDate(date);
  const [y, m, d] = p!;
  const utc = new Date(0);
  utc.setUTCFullYear(y, m - 1, d);
  return Math.round(utc.getTime() / DAY_MS);
}

export function fromDayNumber(day: number): IsoDate {
  const d = new Date(day * DAY_MS);
  return pad(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** 0 = Sunday ... 6 = Saturday, for a day number. */
export function dayOfWeekOfDayNumber(day: number): number {
  return (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

function pad(y: number, m: number, d: number): IsoDate {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function fromLocalDate(date: Date): IsoDate {
  return pad(date.getFullYear(), date.getMonth() + 1, date.getDate());
}

export function yearOf(date: IsoDate): number {
  assertIsoDate(date);
  return Number(date.slice(0, 4));
}

/** 0 = Sunday ... 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  return dayOfWeekOfDayNumber(toDayNumber(date));
}

export function addDays(date: IsoDate, days: number): IsoDate {
  if (!Number.isInteger(days)) throw new RangeError(`days must be a whole number, got ${days}`);
  return fromDayNumber(toDayNumber(date) + days);
}

/**
 * Adds calendar months. When the target month is shorter, the result is its last day:
 * 2025-01-31 + 1 month = 2025-02-28, 2024-01-31 + 1 month = 2024-02-29, 2025-03-31 - 1 month =
 * 2025-02-28. Otherwise the day of the month is kept (2025-01-15 + 1 month = 2025-02-15).
 */
export function addCalendarMonths(date: IsoDate, months: number): IsoDate {
  if (!Number.isInteger(months)) throw new RangeError(`months must be a whole number, got ${months}`);
  return fromLocalDate(addMonths(toLocalNoon(date), months));
}

/** b - a in calendar days (positive when b is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return toDayNumber(b) - toDayNumber(a);
}

/**
 * Whole years from a to b, e.g. a person's age on a date given their date of birth. Someone born
 * on 29 February turns a year older on 1 March in non-leap years.
 */
export function fullYearsBetween(a: IsoDate, b: IsoDate): number {
  return differenceInYears(toLocalNoon(b), toLocalNoon(a));
}

/** Negative when a is earlier, 0 when equal, positive when later. Validates both. */
export function compareDates(a: IsoDate, b: IsoDate): number {
  assertIsoDate(a, 'first date');
  assertIsoDate(b, 'second date');
  return a < b ? -1 : a > b ? 1 : 0; // the fixed-width format sorts as text
}

export function isBefore(a: IsoDate, b: IsoDate): boolean {
  return compareDates(a, b) < 0;
}

export function isAfter(a: IsoDate, b: IsoDate): boolean {
  return compareDates(a, b) > 0;
}

/** The Europe/London calendar date of an instant (a Date or an ISO-8601 timestamp with zone). */
export function londonDateOf(instant: Date | string): IsoDate {
  const d = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(d.getTime())) throw new RangeError(`not a valid instant: ${JSON.stringify(instant)}`);
  return format(new TZDate(d.getTime(), 'Europe/London'), 'yyyy-MM-dd');
}

/** Today's date in London, given "now" (pass the clock's now() so tests can fix it). */
export function todayInLondon(now: Date): IsoDate {
  return londonDateOf(now);
}

/** Human wording for a date, e.g. "Friday 25 December 2026". */
export function formatLongDate(date: IsoDate): string {
  return format(toLocalNoon(date), 'EEEE d MMMM yyyy');
}
