/** Hot or cold at the strictest confidence level reached, or not significant. */
export type HotColdClass =
  'hot-99' | 'hot-95' | 'hot-90' | 'cold-99' | 'cold-95' | 'cold-90' | 'not-significant';

const LEVELS: { confidence: 99 | 95 | 90; alpha: number }[] = [
  { confidence: 99, alpha: 0.01 },
  { confidence: 95, alpha: 0.05 },
  { confidence: 90, alpha: 0.1 },
];

/**
 * Classifies Gi* results: a cell is hot (z > 0) or cold (z < 0) at 99/95/90% confidence when its
 * two-sided p-value is at most 0.01/0.05/0.10. Pass the Benjamini–Hochberg q-values instead of the
 * p-values to control the false-discovery rate across the many cells tested.
 */
export function classifyHotCold(z: ArrayLike<number>, p: ArrayLike<number>): HotColdClass[] {
  const out: HotColdClass[] = [];
  for (let i = 0; i < z.length; i++) {
    const level = LEVELS.find((l) => p[i] <= l.alpha);
    out.push(
      !level || z[i] === 0
        ? 'not-significant'
        : (`${z[i] > 0 ? 'hot' : 'cold'}-${level.confidence}` as HotColdClass),
    );
  }
  return out;
}

/** Whether a class is hot (or cold) at the given confidence or stricter. */
export function isSignificant(c: HotColdClass, kind: 'hot' | 'cold', confidence: 90 | 95 | 99 = 95): boolean {
  if (!c.startsWith(kind)) return false;
  return Number(c.slice(kind.length + 1)) >= confidence;
}

export type PeriodTrend = 'persistent' | 'emerging' | 'intermittent' | 'former' | 'never';

/**
 * Classifies one cell across consecutive periods (oldest first) from whether it was a hot spot
 * (or cold spot) in each. With n periods, k of them hot, and `last` the latest period:
 * - persistent: hot in the latest period and in at least 90% of all periods — a stable hot spot;
 * - emerging: hot in the latest period but in fewer than half of the earlier periods (including
 *   never before) — it has recently become hot;
 * - former: not hot in the latest period, but hot in at least half of the earlier periods — it
 *   used to be a hot spot and has stopped being one;
 * - intermittent: hot in at least one period without fitting the above — on and off (hot now
 *   and in half or more of the earlier periods but under 90% of all, or not hot now and hot in
 *   fewer than half of the earlier periods);
 * - never: hot in no period.
 * A single period cannot show a trend: hot in it counts as emerging.
 */
export function classifyAcrossPeriods(hot: readonly boolean[]): PeriodTrend {
  const n = hot.length;
  const k = hot.filter(Boolean).length;
  if (k === 0) return 'never';
  const last = hot[n - 1];
  const earlier = k - (last ? 1 : 0);
  const earlierShare = n > 1 ? earlier / (n - 1) : 0;
  if (last) {
    if (n > 1 && k >= 0.9 * n) return 'persistent';
    if (earlierShare < 0.5) return 'emerging';
    return 'intermittent';
  }
  return earlierShare >= 0.5 ? 'former' : 'intermittent';
}

/** Period trends for many cells: `hotByPeriod[t][i]` says whether cell i was hot in period t. */
export function classifyCellsAcrossPeriods(hotByPeriod: readonly (readonly boolean[])[]): PeriodTrend[] {
  if (hotByPeriod.length === 0) return [];
  const cells = hotByPeriod[0].length;
  if (hotByPeriod.some((p) => p.length !== cells)) throw new Error('every period must have the same cells');
  return Array.from({ length: cells }, (_, i) => classifyAcrossPeriods(hotByPeriod.map((p) => p[i])));
}
