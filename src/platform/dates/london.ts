import { TZDate } from '@date-fns/tz';
import { addDays, dayOfWeek, londonDateOf, type IsoDate } from './calendar-date.js';

/** A London wall-clock time (HH:MM) on a date, as a UTC ISO instant (right across clock changes). */
export function londonInstant(date: IsoDate, time: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const [h, min] = time.split(':').map(Number);
  return new Date(new TZDate(y, m - 1, d, h, min, 'Europe/London').getTime()).toISOString();
}

/**
 * The first instant after `afterIso` when London clocks show `time`, on the given ISO weekday
 * (0 Sunday ... 6 Saturday) or on any day when none is given: for daily and weekly jobs.
 */
export function nextLondonTime(afterIso: string, time: string, weekday?: number): string {
  let day = londonDateOf(afterIso);
  for (let i = 0; i < 9; i++, day = addDays(day, 1)) {
    if (weekday !== undefined && dayOfWeek(day) !== weekday) continue;
    const at = londonInstant(day, time);
    if (at > afterIso) return at;
  }
  throw new RangeError(`no ${time} after ${afterIso}`);
}
