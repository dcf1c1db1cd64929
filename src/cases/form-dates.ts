/**
 * GOV.UK date inputs post three fields (name-day, name-month, name-year); these helpers join them
 * into one 'YYYY-MM-DD' value before validation and split a stored date back for the form.
 */
import { z } from 'zod';
import { isIsoDate } from '../platform/dates/calendar-date.js';

/** Joins name-day/-month/-year into body[name] ('' when all three are blank). A ready value wins. */
export function joinDates(body: unknown, names: string[]): Record<string, unknown> {
  const b = { ...((body ?? {}) as Record<string, unknown>) };
  for (const name of names) {
    const [d, m, y] = ['day', 'month', 'year'].map((p) => String(b[`${name}-${p}`] ?? '').trim());
    if (b[name] === undefined || b[name] === '') {
      if (!d && !m && !y) b[name] = '';
      else b[name] = `${y.padStart(4, '0')}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
    }
  }
  return b;
}

/** Puts a stored date into the three fields a GOV.UK date input shows. */
export function splitDate(
  values: Record<string, unknown>,
  name: string,
  iso: string | null | undefined,
): void {
  if (!iso || !isIsoDate(iso)) return;
  const [y, m, d] = iso.split('-');
  values[`${name}-day`] = String(Number(d));
  values[`${name}-month`] = String(Number(m));
  values[`${name}-year`] = y;
}

/** A required date with GOV.UK wording: "Enter the date ..." / "The date ... must be a real date". */
export const requiredDate = (what: string) =>
  z
    .string({ error: `Enter ${what}` })
    .min(1, `Enter ${what}`)
    .refine(isIsoDate, { message: `${capital(what)} must be a real date` });

export const optionalDate = (what: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || isIsoDate(v), { message: `${capital(what)} must be a real date` });

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Items for a GOV.UK date input whose three boxes are named name-day etc. */
export function dateItems(values: Record<string, unknown> | undefined, name: string, hasError: boolean) {
  const cls = hasError ? ' govuk-input--error' : '';
  return [
    { name: 'day', classes: `govuk-input--width-2${cls}`, value: values?.[`${name}-day`] },
    { name: 'month', classes: `govuk-input--width-2${cls}`, value: values?.[`${name}-month`] },
    { name: 'year', classes: `govuk-input--width-4${cls}`, value: values?.[`${name}-year`] },
  ];
}
