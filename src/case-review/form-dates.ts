/**
 * GOV.UK date inputs post name-day, name-month and name-year. These read them into 'YYYY-MM-DD'
 * (or 'YYYY-MM' for month-and-year questions) with GOV.UK error wording that names the date.
 */
import { isIsoDate, type IsoDate } from '../platform/dates/calendar-date.js';

export type DateRead<T> = { value: T | null; error?: string };

const field = (body: Record<string, unknown>, name: string, part: string) =>
  String(body[`${name}-${part}`] ?? '').trim();

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * A full date. `what` names it in messages ("the date of the decision"). Optional dates may be
 * left blank; `notAfter` refuses a date after it (usually today) with "must be today or in the past".
 */
export function readDate(
  body: Record<string, unknown>,
  name: string,
  what: string,
  opts: {
    required?: boolean;
    notAfter?: IsoDate;
    notBefore?: { date: IsoDate | null | undefined; what: string };
  } = {},
): DateRead<IsoDate> {
  const ready = body[name];
  let [d, m, y] = ['day', 'month', 'year'].map((p) => field(body, name, p));
  if (typeof ready === 'string' && ready && !d && !m && !y) [y, m, d] = ready.split('-');
  if (!d && !m && !y) return opts.required ? { value: null, error: `Enter ${what}` } : { value: null };
  if (!d || !m || !y) {
    const missing = [!d && 'day', !m && 'month', !y && 'year'].filter(Boolean).join(' and ');
    return { value: null, error: `${capital(what)} must include a ${missing}` };
  }
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) {
    return { value: null, error: `${capital(what)} must be a real date` };
  }
  const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  if (!isIsoDate(iso)) return { value: null, error: `${capital(what)} must be a real date` };
  if (opts.notAfter && iso > opts.notAfter)
    return { value: null, error: `${capital(what)} must be today or in the past` };
  if (opts.notBefore?.date && iso < opts.notBefore.date) {
    return {
      value: null,
      error: `${capital(what)} must be the same as or after ${opts.notBefore.what} (${opts.notBefore.date})`,
    };
  }
  return { value: iso };
}

/** A month and year ('YYYY-MM'); blank is allowed unless required. */
export function readMonth(
  body: Record<string, unknown>,
  name: string,
  what: string,
  opts: { required?: boolean; notAfter?: string } = {},
): DateRead<string> {
  const [m, y] = ['month', 'year'].map((p) => field(body, name, p));
  if (!m && !y) return opts.required ? { value: null, error: `Enter ${what}` } : { value: null };
  if (!m || !y) return { value: null, error: `${capital(what)} must include a ${!m ? 'month' : 'year'}` };
  const month = Number(m);
  if (!/^\d{1,2}$/.test(m) || month < 1 || month > 12 || !/^\d{4}$/.test(y) || Number(y) < 1900) {
    return { value: null, error: `${capital(what)} must be a real month and year` };
  }
  const ym = `${y}-${String(month).padStart(2, '0')}`;
  if (opts.notAfter && ym > opts.notAfter.slice(0, 7)) {
    return { value: null, error: `${capital(what)} must be this month or in the past` };
  }
  return { value: ym };
}

/** Puts a stored date back into the three boxes. */
export function splitDate(
  values: Record<string, unknown>,
  name: string,
  iso: string | null | undefined,
): void {
  if (!iso) return;
  const [y, m, d] = iso.split('-');
  values[`${name}-year`] = y;
  if (m) values[`${name}-month`] = String(Number(m));
  if (d) values[`${name}-day`] = String(Number(d));
}

/** "March 2026" for 'YYYY-MM'. */
export function monthWords(ym: string | null | undefined): string {
  if (!ym) return '';
  const [y, m] = ym.split('-').map(Number);
  return `${new Date(Date.UTC(y, m - 1, 1)).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' })} ${y}`;
}
