import KDBush from 'kdbush';
import { toBng } from '../geo/bng.js';
import { previousPeriod } from '../months.js';
import { rankRepeatLocations, type RepeatLocation } from '../trends/repeat-locations.js';
import type { AnalysisRecord } from '../sources/record.js';

export interface PlaceRow extends RepeatLocation {
  name: string;
  areaCode: string | null;
}

export interface PremisesRow {
  id: string;
  name: string;
  address: string;
  count: number;
  previous: number;
  change: number;
}

export interface RepeatModel {
  current: { from: string; to: string };
  previous: { from: string; to: string };
  records: number;
  places: number;
  byCount: PlaceRow[];
  byRise: PlaceRow[];
  byFall: PlaceRow[];
  /** Share of the period's records at the 10 busiest places. */
  topTenShare: number | null;
  premisesByCount: PremisesRow[];
  premisesByRise: PremisesRow[];
  premisesRadius: number;
}

/** A place: the name the source gives and its point (police.uk names many snap points alike). */
const placeKey = (r: AnalysisRecord) =>
  `${r.location ?? 'Unnamed place'}|${r.lat.toFixed(5)},${r.lon.toFixed(5)}`;

/**
 * Repeat locations for [from, to] against the period of the same length before it, and licensed
 * premises ranked by the records within `radius` metres of them.
 * `records` must cover both periods.
 */
export function repeatModel(
  records: readonly AnalysisRecord[],
  from: string,
  to: string,
  premises: readonly { id: string; name: string; address: string; lon: number; lat: number }[],
  options: { radius?: number; limit?: number } = {},
): RepeatModel {
  const previous = previousPeriod(from, to);
  const limit = options.limit ?? 20;
  const radius = options.radius ?? 50;
  const info = new Map<string, { name: string; areaCode: string | null }>();
  for (const r of records)
    if (!info.has(placeKey(r)))
      info.set(placeKey(r), { name: r.location ?? 'Unnamed place', areaCode: r.areaCode });
  const ranking = rankRepeatLocations(
    records.map((r) => ({ location: placeKey(r), when: r.month })),
    { current: { from, to }, previous },
    { minCount: 2, limit },
  );
  const withInfo = (rows: RepeatLocation[]): PlaceRow[] =>
    rows.map((r) => ({ ...r, ...(info.get(r.location) as { name: string; areaCode: string | null }) }));
  const current = records.filter((r) => r.month >= from && r.month <= to);
  const perPlace = new Map<string, number>();
  for (const r of current) perPlace.set(placeKey(r), (perPlace.get(placeKey(r)) ?? 0) + 1);
  const topTen = [...perPlace.values()]
    .sort((a, b) => b - a)
    .slice(0, 10)
    .reduce((a, b) => a + b, 0);

  const premisesRows: PremisesRow[] = [];
  if (records.length && premises.length) {
    const index = new KDBush(records.length);
    for (const r of records) index.add(r.x, r.y);
    index.finish();
    for (const p of premises) {
      const [x, y] = toBng(p.lon, p.lat);
      let count = 0;
      let prev = 0;
      for (const i of index.within(x, y, radius)) {
        const m = records[i].month;
        if (m >= from && m <= to) count++;
        else if (m >= previous.from && m <= previous.to) prev++;
      }
      if (count + prev > 0)
        premisesRows.push({
          id: p.id,
          name: p.name,
          address: p.address,
          count,
          previous: prev,
          change: count - prev,
        });
    }
  }
  const byName = (a: PremisesRow, b: PremisesRow) => a.name.localeCompare(b.name);
  return {
    current: { from, to },
    previous,
    records: current.length,
    places: perPlace.size,
    byCount: withInfo(ranking.byCount),
    byRise: withInfo(ranking.byRise),
    byFall: withInfo(ranking.byFall),
    topTenShare: current.length ? topTen / current.length : null,
    premisesByCount: premisesRows
      .filter((p) => p.count > 0)
      .sort((a, b) => b.count - a.count || byName(a, b))
      .slice(0, limit),
    premisesByRise: premisesRows
      .filter((p) => p.change > 0)
      .sort((a, b) => b.change - a.change || byName(a, b))
      .slice(0, limit),
    premisesRadius: radius,
  };
}
