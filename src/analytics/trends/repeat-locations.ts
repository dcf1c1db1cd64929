export interface LocatedRecord {
  /** What identifies the place: a premises id, a UPRN, police.uk "On or near ..." plus its point. */
  location: string;
  /** YYYY-MM or YYYY-MM-DD (or a full ISO instant); compared as text against the periods. */
  when: string;
}

/** Inclusive period bounds in the same text form as `when` (e.g. "2024-01" to "2024-06"). */
export interface Period {
  from: string;
  to: string;
}

export interface RepeatLocation {
  location: string;
  count: number;
  previous: number;
  change: number;
}

export interface RepeatLocationRanking {
  /** Places with at least `minCount` records in the current period, most first. */
  byCount: RepeatLocation[];
  /** Places whose count rose most from the previous period (rises only), largest first. */
  byRise: RepeatLocation[];
  /** Places whose count fell most (falls only), largest fall first. */
  byFall: RepeatLocation[];
}

const inPeriod = (when: string, p: Period) =>
  when.slice(0, p.from.length) >= p.from && when.slice(0, p.to.length) <= p.to;

/**
 * Repeat locations: counts per place in the current period and the one before, ranked by count
 * and by change. Ties go to the place name, so rankings are stable.
 */
export function rankRepeatLocations(
  records: Iterable<LocatedRecord>,
  periods: { current: Period; previous: Period },
  options: { minCount?: number; limit?: number } = {},
): RepeatLocationRanking {
  const minCount = options.minCount ?? 2;
  const limit = options.limit ?? Infinity;
  const tally = new Map<string, RepeatLocation>();
  const entry = (location: string) => {
    let e = tally.get(location);
    if (!e) tally.set(location, (e = { location, count: 0, previous: 0, change: 0 }));
    return e;
  };
  for (const r of records) {
    if (inPeriod(r.when, periods.current)) entry(r.location).count++;
    else if (inPeriod(r.when, periods.previous)) entry(r.location).previous++;
  }
  const all = [...tally.values()].map((e) => ({ ...e, change: e.count - e.previous }));
  const byName = (a: RepeatLocation, b: RepeatLocation) =>
    a.location < b.location ? -1 : a.location > b.location ? 1 : 0;
  return {
    byCount: all
      .filter((e) => e.count >= minCount)
      .sort((a, b) => b.count - a.count || byName(a, b))
      .slice(0, limit),
    byRise: all
      .filter((e) => e.change > 0)
      .sort((a, b) => b.change - a.change || byName(a, b))
      .slice(0, limit),
    byFall: all
      .filter((e) => e.change < 0)
      .sort((a, b) => a.change - b.change || byName(a, b))
      .slice(0, limit),
  };
}
