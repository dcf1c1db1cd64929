import { hourWeekdayMatrix, WEEKDAYS } from '../trends/hour-weekday.js';
import { monthlyTrend, type MonthlyTrendPoint } from '../trends/monthly.js';
import { addMonths } from '../months.js';
import type { AnalysisRecord } from '../sources/record.js';

export interface HourWeekdayView {
  rows: { weekday: string; cells: { count: number; shade: number }[]; total: number }[];
  hourTotals: number[];
  counted: number;
  withoutTime: number;
  busiest: { weekday: string; hour: number; count: number } | null;
}

/** Hour x weekday counts with a shade 0-5 per cell (0 empty, 5 the busiest sixth of the range). */
export function hourWeekdayView(records: readonly AnalysisRecord[]): HourWeekdayView {
  const m = hourWeekdayMatrix(records.map((r) => r.at));
  const max = Math.max(0, ...m.counts.flat());
  const shade = (v: number) => (v === 0 || max === 0 ? 0 : Math.min(5, 1 + Math.floor((v / max) * 5 - 1e-9)));
  let busiest: HourWeekdayView['busiest'] = null;
  m.counts.forEach((row, d) =>
    row.forEach((v, h) => {
      if (v > 0 && (!busiest || v > busiest.count)) busiest = { weekday: WEEKDAYS[d], hour: h, count: v };
    }),
  );
  return {
    rows: m.counts.map((row, d) => ({
      weekday: WEEKDAYS[d],
      cells: row.map((count) => ({ count, shade: shade(count) })),
      total: row.reduce((a, b) => a + b, 0),
    })),
    hourTotals: Array.from({ length: 24 }, (_, h) => m.counts.reduce((a, row) => a + row[h], 0)),
    counted: m.counted,
    withoutTime: m.skipped,
    busiest,
  };
}

export interface TrendView {
  points: MonthlyTrendPoint[];
  total: number;
  /** Records in the same months a year before, when the data reach back that far. */
  yearBefore: number | null;
  alerts: MonthlyTrendPoint[];
}

/**
 * Monthly counts for [from, to] with the exceedance alert and year-on-year change. `history` holds
 * the records of every month from `dataFrom` (the source's first month) up to `to`, so the first
 * months of the period have a baseline and a year before too.
 */
export function trendView(
  history: readonly AnalysisRecord[],
  from: string,
  to: string,
  dataFrom: string,
): TrendView {
  const start = dataFrom < from ? dataFrom : from;
  const points = monthlyTrend(
    history.map((r) => r.month),
    { span: { from: start, to } },
  ).filter((p) => p.month >= from);
  const total = points.reduce((a, p) => a + p.count, 0);
  const yearBefore =
    addMonths(from, -12) >= dataFrom
      ? history.filter((r) => r.month >= addMonths(from, -12) && r.month <= addMonths(to, -12)).length
      : null;
  return { points, total, yearBefore, alerts: points.filter((p) => p.alert) };
}
