/**
 * The monthly Licensing Liaison Partnership pack: weekend noise and ASB complaints, alcohol-related
 * crime, the Traffic Light "top premises" with why, and the colour changes of the month.
 */
import type { AppDeps } from '../platform/module.js';
import { addDays, dayOfWeek, formatLongDate, londonInstant, type IsoDate } from '../platform/dates/index.js';
import { AnalyticsService } from '../analytics/service.js';
import { colourChanges } from '../premises/colours.js';
import { compareFigure, compareCounts, tally, type ComparedFigure } from './compare.js';
import { loadWeekendFacts, type NteIncident } from './weekend-facts.js';
import { weekendWindow, WeekendError, type NteSettingsInput } from './window.js';
import type { Band } from '../premises/rules/traffic-light.js';

export interface LlpPack {
  kind: 'llp';
  title: string;
  month: string;
  from: string;
  to: string;
  compareMonths: string[];
  weekendComplaints: ComparedFigure[];
  alcoholRelated: ComparedFigure[];
  topPremises: { id: string; name: string; band: Band; total: number; why: string[] }[];
  colourChanges: { premises: string; from: string; to: string; on: string; reason: string }[];
  notes: string[];
}

/** Crime types of police.uk data the night-time economy drives (police.uk does not flag alcohol). */
export const NTE_CRIME_TYPES = ['Violence and sexual offences', 'Public order'];
const ALCOHOL = /alcohol|drunk|drink/i;
const COMPARE_MONTHS = 3;

export function parseMonth(value: string): string {
  const v = value.trim();
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(v))
    throw new WeekendError(`Enter the month as YYYY-MM (you gave "${value}")`);
  return v;
}

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const t = y * 12 + (m - 1) + n;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
}

function fridaysOf(month: string): IsoDate[] {
  const out: IsoDate[] = [];
  for (let d = `${month}-01`; d.startsWith(month); d = addDays(d, 1)) if (dayOfWeek(d) === 5) out.push(d);
  return out;
}

function onWeekends(incidents: readonly NteIncident[], month: string, settings: NteSettingsInput) {
  const windows = fridaysOf(month).map((f) => weekendWindow(f, settings));
  return incidents.filter((i) => windows.some((w) => i.at >= w.from && i.at < w.to));
}

export async function buildLlpPack(
  deps: AppDeps,
  partnershipId: string,
  month: string,
  settings: NteSettingsInput = {},
): Promise<LlpPack> {
  const months = Array.from({ length: COMPARE_MONTHS }, (_, i) => addMonths(month, -(i + 1)));
  const first = months.at(-1)!;
  const from = londonInstant(`${month}-01`, '00:00');
  const to = londonInstant(`${addMonths(month, 1)}-01`, '00:00');
  const lastDay = addDays(`${addMonths(month, 1)}-01`, -1);
  const span = {
    from: londonInstant(`${first}-01`, '00:00'),
    to: londonInstant(addDays(`${addMonths(month, 1)}-01`, 5), '00:00'),
  };
  const [facts, police, changes] = await Promise.all([
    loadWeekendFacts(deps, partnershipId, span, [lastDay]),
    new AnalyticsService(deps).records(partnershipId, {
      source: 'police-uk',
      monthFrom: first,
      monthTo: month,
    }),
    colourChanges(deps, partnershipId, `${month}-01`, lastDay),
  ]);
  const weekend = (m: string) => onWeekends(facts.incidents, m, settings);
  const monthOf = (m: string) => {
    const a = londonInstant(`${m}-01`, '00:00');
    const b = londonInstant(`${addMonths(m, 1)}-01`, '00:00');
    return facts.incidents.filter((i) => i.at >= a && i.at < b);
  };
  const fig = (label: string, f: (m: string) => number) => compareFigure(label, f(month), months.map(f));
  const nteCrime = (m: string) => police.filter((r) => r.month === m && NTE_CRIME_TYPES.includes(r.category));
  const ranked = facts.premisesOn.get(lastDay) ?? [];
  return {
    kind: 'llp',
    title: `Licensing Liaison Partnership pack: ${formatLongDate(`${month}-01`).split(' ').slice(2).join(' ')}`,
    month,
    from,
    to,
    compareMonths: months,
    weekendComplaints: [
      fig('Weekend noise complaints', (m) => weekend(m).filter((i) => i.noise).length),
      fig('Weekend ASB reports', (m) => weekend(m).filter((i) => i.source === 'report' && !i.noise).length),
      fig('All weekend incidents', (m) => weekend(m).length),
    ],
    alcoholRelated: [
      fig(
        'Local incidents tagged alcohol-related',
        (m) => monthOf(m).filter((i) => ALCOHOL.test(i.type)).length,
      ),
      ...compareCounts(
        tally(nteCrime(month), (r) => `police.uk: ${r.category}`),
        months.map((m) => tally(nteCrime(m), (r) => `police.uk: ${r.category}`)),
        'given',
        NTE_CRIME_TYPES.map((t) => `police.uk: ${t}`),
      ),
    ],
    topPremises: ranked
      .filter((p) => p.result.total > 0)
      .slice(0, 10)
      .map((p) => ({
        id: p.id,
        name: p.name,
        band: p.result.band,
        total: p.result.total,
        why: p.result.items
          .filter((i) => i.status === 'counts')
          .map((i) => `${i.label} (${i.kind === 'credit' ? '-' : '+'}${i.points}, ${i.date})`),
      })),
    colourChanges: changes.map((c) => ({
      premises: c.name,
      from: c.from_band!,
      to: c.to_band,
      on: c.changed_on,
      reason: c.reason,
    })),
    notes: [
      `Weekends are Friday evening to Monday morning, London time; figures are compared with the average of ${months.join(', ')}.`,
      `police.uk does not mark crimes as alcohol-related: the ${NTE_CRIME_TYPES.join(' and ')} counts are the crime types the night-time economy drives.`,
      `Top premises and their points as they stood on ${formatLongDate(lastDay)}.`,
    ],
  };
}
