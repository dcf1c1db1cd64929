/**
 * Live evidence for the plan's actions: figures that other modules compute, registered here by
 * the composition root (src/plan-figures.ts), so the plan never imports the modules it reports on.
 */
import type { AppDeps } from '../platform/module.js';
import { addCalendarMonths, addDays, type IsoDate } from '../platform/dates/calendar-date.js';

/** A period of whole days, both ends included. */
export interface FigurePeriod {
  from: IsoDate;
  to: IsoDate;
}

/** A period as providers are given it: its days and the UTC instants of its London start and end. */
export interface FigureWindow extends FigurePeriod {
  /** Start of the first day, included. */
  start: string;
  /** Start of the day after the last, excluded. */
  end: string;
}

export interface PlanFigureProvider {
  /** Stable key, kept on an action that shows the figure (e.g. "reports.online-share"). */
  key: string;
  label: string;
  /** The numbers of the seed plan's actions this figure is evidence for. */
  actions: readonly number[];
  /** Where the figure's detail is, for staff. */
  detailHref: string;
  unit: 'count' | 'percent' | 'hours';
  /** False for a figure of the present moment (premises on red now), not of a period. */
  periodic: boolean;
  higherIsBetter: boolean;
  /** The figure for the period, or null when there is nothing to measure. */
  value(deps: AppDeps, partnershipId: string, period: FigureWindow): Promise<number | null>;
}

/** A breakdown for the board dashboard: a table (and the chart drawn from it). */
export interface PlanTableProvider {
  key: string;
  label: string;
  detailHref: string;
  rows(
    deps: AppDeps,
    partnershipId: string,
    period: FigureWindow,
  ): Promise<{ columns: string[]; rows: { label: string; values: number[] }[] }>;
}

const providers = new Map<string, PlanFigureProvider>();
const tables = new Map<string, PlanTableProvider>();

export function registerPlanTables(list: readonly PlanTableProvider[]): void {
  for (const t of list) tables.set(t.key, t);
}
export const planTable = (key: string) => tables.get(key);

/** Called once by the composition root with every module's figures; a key registered twice is refused. */
export function registerPlanFigures(list: readonly PlanFigureProvider[]): void {
  for (const p of list) {
    const existing = providers.get(p.key);
    if (existing && existing !== p) throw new Error(`Plan figure ${p.key} is registered twice`);
    providers.set(p.key, p);
  }
}

export const planFigure = (key: string) => providers.get(key);
export const planFigures = () => [...providers.values()];
export const figuresForAction = (number: number) => planFigures().filter((p) => p.actions.includes(number));

/** The last complete calendar quarters before the given day, newest first. */
export function recentQuarters(today: IsoDate, count = 8): (FigurePeriod & { label: string })[] {
  const out: (FigurePeriod & { label: string })[] = [];
  let q = lastCompleteQuarter(today);
  for (let i = 0; i < count; i++) {
    const [y, m] = q.from.split('-').map(Number);
    out.push({ ...q, label: `Q${Math.floor((m - 1) / 3) + 1} ${y} (${MONTHS[m - 1]} to ${MONTHS[m + 1]})` });
    q = lastCompleteQuarter(q.from);
  }
  return out;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** The last complete calendar quarter before the given day. */
export function lastCompleteQuarter(today: IsoDate): FigurePeriod {
  const [y, m] = today.split('-').map(Number);
  const quarterStartMonth = Math.floor((m - 1) / 3) * 3 + 1;
  const thisQuarter = `${y}-${String(quarterStartMonth).padStart(2, '0')}-01`;
  const from = addCalendarMonths(thisQuarter, -3);
  return { from, to: addDays(thisQuarter, -1) };
}

/** The same period a year before. */
export function yearBefore(p: FigurePeriod): FigurePeriod {
  return { from: addCalendarMonths(p.from, -12), to: addDays(addCalendarMonths(addDays(p.to, 1), -12), -1) };
}

/** Start and end instants (UTC ISO) of a period's London days, for comparing with stored times. */
export function periodInstants(p: FigurePeriod): { start: string; end: string } {
  const instant = (d: IsoDate) => new Date(`${d}T00:00:00Z`);
  const londonMidnight = (d: IsoDate) => {
    const utc = instant(d);
    const offset = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      timeZoneName: 'shortOffset',
    })
      .formatToParts(utc)
      .find((x) => x.type === 'timeZoneName')!.value;
    const hours = offset === 'GMT' ? 0 : Number(offset.replace('GMT', ''));
    return new Date(utc.getTime() - hours * 3_600_000).toISOString();
  };
  return { start: londonMidnight(p.from), end: londonMidnight(addDays(p.to, 1)) };
}

export const windowOf = (p: FigurePeriod): FigureWindow => ({ from: p.from, to: p.to, ...periodInstants(p) });

export const formatPeriod = (p: FigurePeriod) => `${p.from} to ${p.to}`;
