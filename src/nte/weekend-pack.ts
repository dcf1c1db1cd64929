/** The Monday night-time-economy pack: the weekend just gone beside the average of the weekends before. */
import type { AppDeps } from '../platform/module.js';
import { addDays, formatLongDate, type IsoDate } from '../platform/dates/index.js';
import { londonTime } from '../platform/web/views.js';
import { compareCounts, compareFigure, tally, type ComparedFigure } from './compare.js';
import { loadWeekendFacts, type NteIncident, type WeekendFacts } from './weekend-facts.js';
import { previousFridays, weekendWindow, type NteSettingsInput, type WeekendWindow } from './window.js';
import type { Band } from '../premises/rules/traffic-light.js';

export interface PackPremises {
  id: string;
  name: string;
  address: string;
  band: Band;
  /** Points on the Traffic Light record as the weekend ended. */
  total: number;
  pointsAdded: number;
  items: { date: IsoDate; label: string; points: number; kind: 'penalty' | 'credit' }[];
}

export interface WeekendPack {
  kind: 'weekend';
  title: string;
  friday: IsoDate;
  window: WeekendWindow;
  compareWith: { friday: IsoDate; from: string; to: string }[];
  headline: ComparedFigure[];
  byType: ComparedFigure[];
  byArea: ComparedFigure[];
  byHour: ComparedFigure[];
  noise: ComparedFigure[];
  environmental: { raised: ComparedFigure[]; cleared: ComparedFigure[] };
  premises: PackPremises[];
  repeatLocations: { label: string; count: number; types: string[] }[];
  repeatCallers: { label: string; count: number; references: string[] }[];
  notes: string[];
}

const HOURS_OF_NIGHT = [18, 19, 20, 21, 22, 23, 0, 1, 2, 3, 4, 5];
const hourLabel = (h: number) =>
  `${String(h).padStart(2, '0')}:00 to ${String((h + 1) % 24).padStart(2, '0')}:00`;

function inWindow<T>(items: readonly T[], at: (t: T) => string | null, w: { from: string; to: string }): T[] {
  return items.filter((i) => {
    const t = at(i);
    return t !== null && t >= w.from && t < w.to;
  });
}

function premisesOf(facts: WeekendFacts, w: WeekendWindow): PackPremises[] {
  const ranked = facts.premisesOn.get(w.lastDay) ?? [];
  const out: PackPremises[] = [];
  for (const p of ranked) {
    const items = p.result.items.filter((i) => i.date >= w.friday && i.date <= w.lastDay);
    if (!items.length) continue;
    out.push({
      id: p.id,
      name: p.name,
      address: p.address,
      band: p.result.band,
      total: p.result.total,
      pointsAdded: items.filter((i) => i.kind === 'penalty').reduce((a, i) => a + i.points, 0),
      items: items.map((i) => ({ date: i.date, label: i.label, points: i.points, kind: i.kind })),
    });
  }
  return out.sort(
    (a, b) => b.pointsAdded - a.pointsAdded || b.total - a.total || a.name.localeCompare(b.name),
  );
}

function repeats(incidents: readonly NteIncident[]) {
  const places = new Map<string, NteIncident[]>();
  const callers = new Map<string, NteIncident[]>();
  for (const i of incidents) {
    if (i.placeKey) places.set(i.placeKey, [...(places.get(i.placeKey) ?? []), i]);
    if (i.callerKey) callers.set(i.callerKey, [...(callers.get(i.callerKey) ?? []), i]);
  }
  const repeatLocations = [...places.values()]
    .filter((l) => l.length >= 2)
    .map((l) => ({
      label: l[0].placeLabel,
      count: l.length,
      types: [...new Set(l.map((i) => i.type))].sort(),
    }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  // Callers are numbered, never named: the pack goes to the whole meeting.
  const repeatCallers = [...callers.values()]
    .filter((l) => l.length >= 2)
    .sort((a, b) => b.length - a.length || a[0].at.localeCompare(b[0].at))
    .map((l, n) => ({
      label: `Caller ${n + 1}`,
      count: l.length,
      references: l.map((i) => i.reference ?? '').filter(Boolean),
    }));
  return { repeatLocations, repeatCallers };
}

/** Builds the pack from facts already read (pure: the tests and the bench call it directly too). */
export function composeWeekendPack(
  facts: WeekendFacts,
  w: WeekendWindow,
  earlier: readonly WeekendWindow[],
): WeekendPack {
  const now = inWindow(facts.incidents, (i) => i.at, w);
  const before = earlier.map((e) => inWindow(facts.incidents, (i) => i.at, e));
  const jobsRaised = (x: { from: string; to: string }) => inWindow(facts.jobs, (j) => j.raisedAt, x);
  const jobsCleared = (x: { from: string; to: string }) => inWindow(facts.jobs, (j) => j.clearedAt, x);
  const points = (x: WeekendWindow) => premisesOf(facts, x).reduce((a, p) => a + p.pointsAdded, 0);
  const fig = (label: string, f: (inc: NteIncident[]) => number) =>
    compareFigure(label, f(now), before.map(f));
  const hourKeys = HOURS_OF_NIGHT.map(hourLabel);
  const byHour = compareCounts(
    tally(now, (i) => hourLabel(i.hour)),
    before.map((b) => tally(b, (i) => hourLabel(i.hour))),
    'given',
    [...hourKeys, ...[...Array(24).keys()].filter((h) => !HOURS_OF_NIGHT.includes(h)).map(hourLabel)],
  ).filter((r) => hourKeys.includes(r.label) || r.count > 0 || r.average > 0);
  const { repeatLocations, repeatCallers } = repeats(now);
  const notes: string[] = [];
  const monday = addDays(w.friday, 3);
  if (w.bankHolidayMonday)
    notes.push(
      w.lastDay !== monday
        ? `${formatLongDate(monday)} was a bank holiday: the weekend runs on to Tuesday morning.`
        : `${formatLongDate(monday)} was a bank holiday; the weekend still ends on Monday morning (a setting).`,
    );
  if (londonTime(w.from, 'xxx') !== londonTime(w.to, 'xxx'))
    notes.push(`The clocks changed this weekend: the window is ${w.hours} hours long.`);
  notes.push(
    'police.uk street-level crime gives the month only, so it is counted in the monthly Licensing Liaison pack, not here.',
  );
  return {
    kind: 'weekend',
    title: `Night-time economy weekend pack: ${formatLongDate(w.friday)}`,
    friday: w.friday,
    window: w,
    compareWith: earlier.map((e) => ({ friday: e.friday, from: e.from, to: e.to })),
    headline: [
      fig('All incidents', (x) => x.length),
      fig('ASB Hub reports', (x) => x.filter((i) => i.source === 'report').length),
      fig('Police incidents', (x) => x.filter((i) => i.police).length),
      fig('Noise complaints', (x) => x.filter((i) => i.noise).length),
      compareFigure(
        'Environmental jobs raised',
        jobsRaised(w).length,
        earlier.map((e) => jobsRaised(e).length),
      ),
      compareFigure(
        'Environmental jobs cleared',
        jobsCleared(w).length,
        earlier.map((e) => jobsCleared(e).length),
      ),
      compareFigure('Traffic Light points added', points(w), earlier.map(points)),
    ],
    byType: compareCounts(
      tally(now, (i) => i.type),
      before.map((b) => tally(b, (i) => i.type)),
    ),
    byArea: compareCounts(
      tally(now, (i) => i.area),
      before.map((b) => tally(b, (i) => i.area)),
    ),
    byHour,
    noise: compareCounts(
      tally(
        now.filter((i) => i.noise),
        (i) => i.area,
      ),
      before.map((b) =>
        tally(
          b.filter((i) => i.noise),
          (i) => i.area,
        ),
      ),
    ),
    environmental: {
      raised: compareCounts(
        tally(jobsRaised(w), (j) => j.category),
        earlier.map((e) => tally(jobsRaised(e), (j) => j.category)),
      ),
      cleared: compareCounts(
        tally(jobsCleared(w), (j) => j.category),
        earlier.map((e) => tally(jobsCleared(e), (j) => j.category)),
      ),
    },
    premises: premisesOf(facts, w),
    repeatLocations,
    repeatCallers,
    notes,
  };
}

/** Reads what the weekend and the weekends before it hold, and builds the pack. */
export async function buildWeekendPack(
  deps: AppDeps,
  partnershipId: string,
  friday: IsoDate,
  settings: NteSettingsInput = {},
): Promise<WeekendPack> {
  const w = weekendWindow(friday, settings);
  const earlier = previousFridays(friday, settings.compareWeekends ?? 4).map((f) =>
    weekendWindow(f, settings),
  );
  const all = [w, ...earlier];
  const span = {
    from: all.map((x) => x.from).sort()[0],
    to: all
      .map((x) => x.to)
      .sort()
      .at(-1)!,
  };
  const facts = await loadWeekendFacts(deps, partnershipId, span, [...new Set(all.map((x) => x.lastDay))]);
  return composeWeekendPack(facts, w, earlier);
}
