import { addMonths, previousPeriod } from '../months.js';
import type { PartnershipAreas } from '../areas.js';
import type { AnalysisRecord, SourceInfo } from '../sources/record.js';
import { DEFAULT_HOTSPOT_OPTIONS, hotspotModel, type HotspotCell } from './hotspot-model.js';
import { repeatModel, type PlaceRow, type PremisesRow } from './repeat-model.js';
import { hourWeekdayView, trendView, type HourWeekdayView, type TrendView } from './time-model.js';

export interface ProfileScope {
  source: SourceInfo;
  category: string;
  areaCode: string;
  from: string;
  to: string;
}

export interface RepeatVictims {
  /** Reports made by a victim in the period (those with a person record). */
  victimReports: number;
  victims: number;
  /** People who reported as a victim two or more times, and how many reports they made. */
  repeatVictims: number;
  repeatVictimReports: number;
  /** How many repeat victims made 2, 3-4 and 5 or more reports. */
  bands: { label: string; people: number }[];
}

export interface ProfileModel {
  scope: ProfileScope;
  areaName: string;
  total: number;
  previous: { from: string; to: string; total: number | null };
  yearBefore: number | null;
  trend: TrendView;
  byArea: { code: string; name: string; records: number }[];
  byCategory: { category: string; records: number }[];
  hotCells: HotspotCell[];
  cells: HotspotCell[];
  hotspotSummary: { hot99: number; hot95: number; hot90: number; cellSize: number; band: number };
  hourWeekday: HourWeekdayView | null;
  repeatPlaces: PlaceRow[];
  repeatRises: PlaceRow[];
  topTenShare: number | null;
  victims: RepeatVictims | null;
  premises: PremisesRow[];
  premisesRadius: number;
}

/** Counts of repeat victims among ASB Hub reports (person ids from the people module); no names. */
export function repeatVictims(reports: readonly AnalysisRecord[]): RepeatVictims {
  const perPerson = new Map<string, number>();
  let victimReports = 0;
  for (const r of reports) {
    if (!r.victimId) continue;
    victimReports++;
    perPerson.set(r.victimId, (perPerson.get(r.victimId) ?? 0) + 1);
  }
  const counts = [...perPerson.values()];
  const repeat = counts.filter((n) => n >= 2);
  return {
    victimReports,
    victims: perPerson.size,
    repeatVictims: repeat.length,
    repeatVictimReports: repeat.reduce((a, b) => a + b, 0),
    bands: [
      { label: '2 reports', people: repeat.filter((n) => n === 2).length },
      { label: '3 or 4 reports', people: repeat.filter((n) => n === 3 || n === 4).length },
      { label: '5 or more reports', people: repeat.filter((n) => n >= 5).length },
    ],
  };
}

/**
 * Everything a problem profile shows, from records of the source (every month from the source's
 * first up to the period's end, for baselines and comparisons) and ASB Hub's reports of the
 * period (for repeat victims).
 */
export function profileModel(
  scope: ProfileScope,
  history: readonly AnalysisRecord[],
  areas: PartnershipAreas,
  extras: {
    victimReports: readonly AnalysisRecord[] | null;
    premises: readonly { id: string; name: string; address: string; lon: number; lat: number }[];
    cameras?: readonly { x: number; y: number }[];
  },
): ProfileModel {
  const { from, to } = scope;
  const inArea = (r: AnalysisRecord) => !scope.areaCode || r.areaCode === scope.areaCode;
  const ofCategory = (r: AnalysisRecord) => !scope.category || r.category === scope.category;
  const scoped = history.filter((r) => inArea(r) && ofCategory(r));
  const inPeriod = scoped.filter((r) => r.month >= from && r.month <= to);
  const prev = previousPeriod(from, to);
  const dataFrom = scope.source.firstMonth ?? from;
  const trend = trendView(scoped, from, to, dataFrom);
  const hotspots = hotspotModel(
    inPeriod,
    trend.points.map((p) => p.month),
    areas,
    DEFAULT_HOTSPOT_OPTIONS,
    extras.cameras ?? [],
  );
  const repeats = repeatModel(scoped, from, to, extras.premises, { limit: 10 });
  const byCategory = new Map<string, number>();
  for (const r of history)
    if (inArea(r) && r.month >= from && r.month <= to)
      byCategory.set(r.category, (byCategory.get(r.category) ?? 0) + 1);
  const periodAll = history.filter((r) => ofCategory(r) && r.month >= from && r.month <= to);
  return {
    scope,
    areaName: scope.areaCode
      ? (areas.areas.find((a) => a.code === scope.areaCode)?.name ?? scope.areaCode)
      : 'The whole partnership area',
    total: inPeriod.length,
    previous: {
      ...prev,
      total:
        prev.from >= dataFrom
          ? scoped.filter((r) => r.month >= prev.from && r.month <= prev.to).length
          : null,
    },
    yearBefore: addMonths(from, -12) >= dataFrom ? trend.yearBefore : null,
    trend,
    byArea: areas.areas.map((a) => ({
      code: a.code,
      name: a.name,
      records: periodAll.filter((r) => r.areaCode === a.code).length,
    })),
    byCategory: [...byCategory]
      .map(([category, records]) => ({ category, records }))
      .sort((a, b) => b.records - a.records || a.category.localeCompare(b.category)),
    hotCells: hotspots.cells
      .filter((c) => c.cls.startsWith('hot'))
      .sort((a, b) => b.z - a.z)
      .slice(0, 10),
    cells: hotspots.cells,
    hotspotSummary: {
      hot99: hotspots.classCounts['hot-99'],
      hot95: hotspots.classCounts['hot-95'],
      hot90: hotspots.classCounts['hot-90'],
      cellSize: DEFAULT_HOTSPOT_OPTIONS.size,
      band: hotspots.options.band,
    },
    hourWeekday: scope.source.hasTimes ? hourWeekdayView(inPeriod) : null,
    repeatPlaces: repeats.byCount,
    repeatRises: repeats.byRise,
    topTenShare: repeats.topTenShare,
    victims: extras.victimReports ? repeatVictims(extras.victimReports) : null,
    premises: repeats.premisesByCount,
    premisesRadius: repeats.premisesRadius,
  };
}
