/**
 * England and Wales bank holidays, computed for any year from 1978 (when the early May holiday
 * began) under the Banking and Financial Dealings Act 1971 rules, plus the proclaimed changes
 * and one-off holidays since then.
 */
import { addDays, dayOfWeek, toDayNumber, type IsoDate, yearOf } from './calendar-date.js';

export interface BankHoliday {
  date: IsoDate;
  name: string;
  /** True when the holiday is the weekday standing in for a date that fell at a weekend. */
  substitute: boolean;
}

export const FIRST_SUPPORTED_YEAR = 1978;
const LAST_SUPPORTED_YEAR = 9999;

/** Regular holidays moved by proclamation: the year's holiday is on `date` instead. */
const MOVED: ReadonlyArray<{ year: number; holiday: 'early-may' | 'spring'; date: IsoDate; name: string }> = [
  { year: 1995, holiday: 'early-may', date: '1995-05-08', name: 'Early May bank holiday (VE day)' },
  { year: 2002, holiday: 'spring', date: '2002-06-04', name: 'Spring bank holiday' },
  { year: 2012, holiday: 'spring', date: '2012-06-04', name: 'Spring bank holiday' },
  { year: 2020, holiday: 'early-may', date: '2020-05-08', name: 'Early May bank holiday (VE day)' },
  { year: 2022, holiday: 'spring', date: '2022-06-02', name: 'Spring bank holiday' },
];

const ONE_OFF: ReadonlyArray<{ date: IsoDate; name: string }> = [
  { date: '1999-12-31', name: 'Millennium Eve' },
  { date: '2002-06-03', name: 'Golden Jubilee bank holiday' },
  { date: '2011-04-29', name: 'Royal wedding' },
  { date: '2012-06-05', name: 'Diamond Jubilee bank holiday' },
  { date: '2022-06-03', name: 'Platinum Jubilee bank holiday' },
  { date: '2022-09-19', name: 'Bank holiday for the State Funeral of Queen Elizabeth II' },
  { date: '2023-05-08', name: 'Bank holiday for the coronation of King Charles III' },
];

function iso(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Easter Sunday in the Gregorian calendar (the anonymous "Meeus/Jones/Butcher" computus). */
export function easterSunday(year: number): IsoDate {
  checkYear(year);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return iso(year, month, day);
}

function firstMonday(year: number, month: number): IsoDate {
  const first = iso(year, month, 1);
  return addDays(first, (8 - dayOfWeek(first)) % 7);
}

function lastMonday(year: number, month: number): IsoDate {
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const last = iso(year, month, lastDay);
  return addDays(last, -((dayOfWeek(last) + 6) % 7));
}

/** The weekday a weekend holiday moves to, skipping days already taken. */
function substituteFor(date: IsoDate, taken: ReadonlySet<IsoDate>): IsoDate {
  let d = date;
  while (dayOfWeek(d) === 0 || dayOfWeek(d) === 6 || taken.has(d)) d = addDays(d, 1);
  return d;
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < FIRST_SUPPORTED_YEAR || year > LAST_SUPPORTED_YEAR) {
    throw new RangeError(
      `bank holidays are modelled for years ${FIRST_SUPPORTED_YEAR} to ${LAST_SUPPORTED_YEAR}, got ${year}`,
    );
  }
}

function computeYear(year: number): BankHoliday[] {
  const list: BankHoliday[] = [];
  const moved = (holiday: 'early-may' | 'spring') =>
    MOVED.find((m) => m.year === year && m.holiday === holiday);

  const newYear = iso(year, 1, 1);
  const newYearObserved = substituteFor(newYear, new Set());
  list.push({ date: newYearObserved, name: 'New Year’s Day', substitute: newYearObserved !== newYear });

  const easter = easterSunday(year);
  list.push({ date: addDays(easter, -2), name: 'Good Friday', substitute: false });
  list.push({ date: addDays(easter, 1), name: 'Easter Monday', substitute: false });

  const earlyMay = moved('early-may');
  list.push({
    date: earlyMay?.date ?? firstMonday(year, 5),
    name: earlyMay?.name ?? 'Early May bank holiday',
    substitute: false,
  });
  const spring = moved('spring');
  list.push({
    date: spring?.date ?? lastMonday(year, 5),
    name: spring?.name ?? 'Spring bank holiday',
    substitute: false,
  });
  list.push({ date: lastMonday(year, 8), name: 'Summer bank holiday', substitute: false });

  // A holiday on a weekday keeps its date; one at a weekend moves to the next weekday left free
  // (Christmas on a Sunday: Boxing Day Monday 26th, Christmas substitute Tuesday 27th).
  const christmas = iso(year, 12, 25);
  const boxing = iso(year, 12, 26);
  const isWeekend = (d: IsoDate) => dayOfWeek(d) === 0 || dayOfWeek(d) === 6;
  const taken = new Set([christmas, boxing].filter((d) => !isWeekend(d)));
  for (const [date, name] of [
    [christmas, 'Christmas Day'],
    [boxing, 'Boxing Day'],
  ] as const) {
    const observed = isWeekend(date) ? substituteFor(date, taken) : date;
    taken.add(observed);
    list.push({ date: observed, name, substitute: observed !== date });
  }

  for (const o of ONE_OFF) if (yearOf(o.date) === year) list.push({ ...o, substitute: false });
  return list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

const byYear = new Map<
  number,
  { list: readonly BankHoliday[]; dates: ReadonlySet<IsoDate>; days: ReadonlySet<number> }
>();

function yearEntry(year: number) {
  checkYear(year);
  let entry = byYear.get(year);
  if (!entry) {
    const list = Object.freeze(computeYear(year).map((h) => Object.freeze(h)));
    entry = {
      list,
      dates: new Set(list.map((h) => h.date)),
      days: new Set(list.map((h) => toDayNumber(h.date))),
    };
    byYear.set(year, entry);
  }
  return entry;
}

/** The year's England and Wales bank holidays in date order. */
export function bankHolidays(year: number): readonly BankHoliday[] {
  return yearEntry(year).list;
}

export function isBankHoliday(date: IsoDate): boolean {
  return yearEntry(yearOf(date)).dates.has(date);
}

/** isBankHoliday for a day number (days since 1970-01-01), for tight loops. */
export function isBankHolidayDayNumber(day: number): boolean {
  return yearEntry(new Date(day * 86_400_000).getUTCFullYear()).days.has(day);
}

export function bankHolidayOn(date: IsoDate): BankHoliday | undefined {
  return yearEntry(yearOf(date)).list.find((h) => h.date === date);
}
