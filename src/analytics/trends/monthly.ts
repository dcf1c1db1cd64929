import { monthRange } from '../predict/evaluate.js';

export interface MonthlyTrendPoint {
  month: string;
  count: number;
  /** Mean of the previous months used (up to `lookback`), null without enough history. */
  baseline: number | null;
  /** Count above which the month is flagged, null without enough history. */
  threshold: number | null;
  alert: boolean;
  /** Same month a year before, and the change from it (null when that month is not in the data). */
  yearBefore: number | null;
  yearOnYearChange: number | null;
  /** Change as a fraction of the year-before count (null when that is 0 or missing). */
  yearOnYearRatio: number | null;
}

export interface MonthlyTrendOptions {
  /** Months of history behind each month's baseline (default 12). */
  lookback?: number;
  /** Fewest months of history needed before a month can alert (default 6). */
  minHistory?: number;
  /** Months to cover, YYYY-MM inclusive (default: the first to the last month in the data). */
  span?: { from: string; to: string };
}

/**
 * Monthly counts with an exceedance alert and year-on-year change. A month alerts when its count
 * exceeds both
 *  - mean + 2 sd of the previous `lookback` months (what its recent history predicts), and
 *  - the 97.5% Poisson quantile of that mean (so a flat history with a tiny sd does not alert on
 *    a difference of one or two, which chance alone gives for counts),
 * i.e. it is well above recent history by both the data's own spread and count noise. Months with
 * no records inside the span count as 0.
 */
export function monthlyTrend(
  months: Iterable<string>,
  options: MonthlyTrendOptions = {},
): MonthlyTrendPoint[] {
  const lookback = options.lookback ?? 12;
  const minHistory = options.minHistory ?? 6;
  const tally = new Map<string, number>();
  for (const m of months) tally.set(m.slice(0, 7), (tally.get(m.slice(0, 7)) ?? 0) + 1);
  const span = options.span
    ? monthRange([options.span.from, options.span.to])
    : monthRange([...tally.keys()]);
  const counts = span.map((m) => tally.get(m) ?? 0);
  return span.map((month, t) => {
    const history = counts.slice(Math.max(0, t - lookback), t);
    let baseline: number | null = null;
    let threshold: number | null = null;
    if (history.length >= minHistory) {
      const mean = history.reduce((a, c) => a + c, 0) / history.length;
      const sd = Math.sqrt(history.reduce((a, c) => a + (c - mean) ** 2, 0) / (history.length - 1));
      baseline = mean;
      threshold = Math.max(mean + 2 * sd, poissonQuantile(mean, 0.975));
    }
    const yearBefore = t >= 12 ? counts[t - 12] : null;
    return {
      month,
      count: counts[t],
      baseline,
      threshold,
      alert: threshold !== null && counts[t] > threshold,
      yearBefore,
      yearOnYearChange: yearBefore === null ? null : counts[t] - yearBefore,
      yearOnYearRatio: yearBefore ? (counts[t] - yearBefore) / yearBefore : null,
    };
  });
}

/** Smallest k with P(X <= k) >= p for X ~ Poisson(mean) (normal approximation above mean 200). */
export function poissonQuantile(mean: number, p: number): number {
  if (mean <= 0) return 0;
  if (mean > 200) {
    return Math.ceil(mean + normalQuantile(p) * Math.sqrt(mean) - 0.5);
  }
  let term = Math.exp(-mean);
  let cdf = term;
  let k = 0;
  while (cdf < p) {
    k++;
    term *= mean / k;
    cdf += term;
  }
  return k;
}

/** Standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const tail = (q: number) => {
    const r = Math.sqrt(-2 * Math.log(q));
    return (
      (((((c[0] * r + c[1]) * r + c[2]) * r + c[3]) * r + c[4]) * r + c[5]) /
      ((((d[0] * r + d[1]) * r + d[2]) * r + d[3]) * r + 1)
    );
  };
  if (p < 0.02425) return tail(p);
  if (p > 1 - 0.02425) return -tail(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
  );
}
