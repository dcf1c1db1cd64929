import { monthRange } from './predict/evaluate.js';

const toIndex = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
const fromIndex = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;

/** The month `n` months after `month` (before when negative). */
export function addMonths(month: string, n: number): string {
  return fromIndex(toIndex(month) + n);
}

/** The last `n` months up to and including `last` (YYYY-MM). */
export function lastMonths(last: string, n: number): string[] {
  return monthRange([addMonths(last, -(n - 1)), last]);
}

/** The period of the same length just before [from, to]. */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const len = toIndex(to) - toIndex(from) + 1;
  return { from: addMonths(from, -len), to: addMonths(from, -1) };
}
