import { TZDate } from '@date-fns/tz';

export const WEEKDAYS = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
] as const;

export interface HourWeekdayMatrix {
  /** counts[weekday][hour], weekday 0 = Monday, hour 0-23 in the given time zone. */
  counts: number[][];
  /** Records counted (those with a time of day). */
  counted: number;
  /** Records left out: no time of day (date only) or not a valid instant. */
  skipped: number;
}

const DATE_ONLY = /^\d{4}-\d{2}(-\d{2})?$/;

/**
 * Hour x weekday counts for records that carry a time of day (partner reports; police.uk has the
 * month only). An instant is a Date, epoch milliseconds or an ISO-8601 string with a time;
 * date-only strings are skipped rather than counted at midnight.
 */
export function hourWeekdayMatrix(
  instants: Iterable<Date | number | string | null | undefined>,
  timeZone = 'Europe/London',
): HourWeekdayMatrix {
  const counts = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  let counted = 0;
  let skipped = 0;
  for (const v of instants) {
    if (v === null || v === undefined || (typeof v === 'string' && DATE_ONLY.test(v.trim()))) {
      skipped++;
      continue;
    }
    const ms = v instanceof Date ? v.getTime() : typeof v === 'number' ? v : Date.parse(v);
    if (!Number.isFinite(ms)) {
      skipped++;
      continue;
    }
    const local = new TZDate(ms, timeZone);
    counts[(local.getDay() + 6) % 7][local.getHours()]++;
    counted++;
  }
  return { counts, counted, skipped };
}
