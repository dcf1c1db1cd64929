import KDBush from 'kdbush';
import { mulberry32, shuffleInPlace } from './random.js';

export type DistanceMetric = 'manhattan' | 'euclidean';

export interface KnoxOptions {
  /** Width of each distance band (same unit as the coordinates, e.g. metres). */
  distanceBand: number;
  distanceBands: number;
  /** Width of each time band in days. */
  timeBand: number;
  timeBands: number;
  metric: DistanceMetric;
  /** Monte Carlo permutations of the dates. */
  iterations: number;
  seed?: number;
  /**
   * Count bands as Ratcliffe's Near Repeat Calculator does: a band it labels "a to b" holds the
   * pairs on [a-1, b) — distance bands (0, w), [w, 2w)..., time bands [0, w), [w, 2w)... days —
   * and coordinates are taken in single precision as the calculator evidently does (that alone
   * reproduces its tables exactly on both reference sets, where a pair 399.96 m apart in double
   * precision counts as 400). Without it, the labels are literal: distance band i is
   * ((i-1)w, iw], time band 0 is [0, w] days and band j is (jw, (j+1)w]. In both, "same location"
   * is distance 0.
   */
  nrcBands?: boolean;
}

export interface KnoxResult {
  /** Same location, each distance band, beyond. */
  rowLabels: string[];
  /** Each time band, beyond. */
  columnLabels: string[];
  observed: number[][];
  /** Mean over the permutations. */
  expected: number[][];
  /** observed / expected (NaN when expected is 0). */
  ratio: number[][];
  /** (1 + number of permutations with a count >= observed) / (1 + iterations). */
  pValue: number[][];
  iterations: number;
  events: number;
  /** Pairs within the largest distance band (the only ones re-counted per permutation). */
  closePairs: number;
}

/**
 * Knox test for near repeats. Every pair of events is counted in a (distance band x time band)
 * cell; the expectation comes from permuting the dates over the events. Pairs beyond the last
 * distance band are never enumerated: the count of all pairs per time band does not change under
 * a permutation of the dates (it depends only on the multiset of dates), so the "beyond" row is
 * that total less the close pairs. Each permutation therefore only re-bins the close pairs.
 */
export function knoxTest(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  days: ArrayLike<number>,
  options: KnoxOptions,
): KnoxResult {
  validate(options);
  const n = days.length;
  if (xs.length !== n || ys.length !== n)
    throw new Error('knoxTest: xs, ys and days must have the same length');
  const D = options.distanceBands;
  const T = options.timeBands;
  const rows = D + 2;
  const cols = T + 1;
  const pairs = options.nrcBands
    ? closePairs(Float32Array.from(xs), Float32Array.from(ys), options)
    : closePairs(xs, ys, options);
  const columnOf = timeColumnTable(days, options);
  const totals = pairsPerTimeColumn(days, options);
  const { a, b } = pairs;
  const cellBase = Uint16Array.from(pairs.row, (r) => r * cols);

  const tally = (t: Float64Array, out: Float64Array) => {
    out.fill(0);
    const m = cellBase.length;
    if (columnOf) {
      for (let k = 0; k < m; k++) out[cellBase[k] + columnOf[Math.abs(t[a[k]] - t[b[k]])]]++;
    } else {
      for (let k = 0; k < m; k++) out[cellBase[k] + timeColumn(Math.abs(t[a[k]] - t[b[k]]), options)]++;
    }
    for (let c = 0; c < cols; c++) {
      let close = 0;
      for (let r = 0; r < rows - 1; r++) close += out[r * cols + c];
      out[(rows - 1) * cols + c] = totals[c] - close;
    }
  };

  const observed = new Float64Array(rows * cols);
  tally(Float64Array.from(days), observed);
  const sum = new Float64Array(rows * cols);
  const atLeast = new Float64Array(rows * cols);
  const sim = new Float64Array(rows * cols);
  const permuted = Float64Array.from(days);
  const rng = mulberry32(options.seed ?? 1);
  for (let it = 0; it < options.iterations; it++) {
    shuffleInPlace(permuted, rng);
    tally(permuted, sim);
    for (let k = 0; k < sim.length; k++) {
      sum[k] += sim[k];
      if (sim[k] >= observed[k]) atLeast[k]++;
    }
  }
  const K = options.iterations;
  const table = (f: (k: number) => number) =>
    Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => f(r * cols + c)));
  const expected = table((k) => (K > 0 ? sum[k] / K : NaN));
  return {
    ...labels(options),
    observed: table((k) => observed[k]),
    expected,
    ratio: table((k) => (K > 0 && sum[k] > 0 ? observed[k] / (sum[k] / K) : NaN)),
    pValue: table((k) => (1 + atLeast[k]) / (1 + K)),
    iterations: K,
    events: n,
    closePairs: pairs.row.length,
  };
}

function validate(o: KnoxOptions): void {
  const positive = (v: number, name: string) => {
    if (!(v > 0) || !Number.isFinite(v)) throw new Error(`knoxTest: ${name} must be a positive number`);
  };
  positive(o.distanceBand, 'the distance band');
  positive(o.timeBand, 'the time band');
  for (const [v, name] of [
    [o.distanceBands, 'the number of distance bands'],
    [o.timeBands, 'the number of time bands'],
  ] as const) {
    if (!Number.isInteger(v) || v < 1 || v > 100)
      throw new Error(`knoxTest: ${name} must be a whole number from 1 to 100`);
  }
  if (!Number.isInteger(o.iterations) || o.iterations < 0)
    throw new Error('knoxTest: iterations must be a whole number >= 0');
  if (o.metric !== 'manhattan' && o.metric !== 'euclidean')
    throw new Error('knoxTest: the metric must be manhattan or euclidean');
}

/** Row of a distance: 0 same location, 1..D the bands, D+1 beyond. */
export function distanceRow(
  d: number,
  o: Pick<KnoxOptions, 'distanceBand' | 'distanceBands' | 'nrcBands'>,
): number {
  const D = o.distanceBands;
  if (d === 0) return 0;
  if (o.nrcBands) return Math.min(D + 1, Math.floor(d / o.distanceBand) + 1);
  return Math.min(D + 1, Math.ceil(d / o.distanceBand));
}

/** Column of a time difference in days: 0..T-1 the bands, T beyond. */
export function timeColumn(dt: number, o: Pick<KnoxOptions, 'timeBand' | 'timeBands' | 'nrcBands'>): number {
  const T = o.timeBands;
  if (o.nrcBands) return Math.min(T, Math.floor(dt / o.timeBand));
  return Math.min(T, Math.max(0, Math.ceil(dt / o.timeBand) - 1));
}

/** Time column by whole-day difference, when every date is a whole day (else null: use the formula). */
function timeColumnTable(days: ArrayLike<number>, o: KnoxOptions): Uint8Array | null {
  let min = Infinity;
  let max = -Infinity;
  let whole = true;
  for (let i = 0; i < days.length; i++) {
    min = Math.min(min, days[i]);
    max = Math.max(max, days[i]);
    if (!Number.isInteger(days[i])) whole = false;
  }
  const span = max - min;
  if (!whole || !(span <= 10_000_000)) return null;
  const table = new Uint8Array(span + 1);
  for (let dt = 0; dt <= span; dt++) table[dt] = timeColumn(dt, o);
  return table;
}

interface PairList {
  a: Int32Array;
  b: Int32Array;
  /** Distance row (0..D), never "beyond". */
  row: Uint8Array;
}

/** Every pair closer than the outer edge of the last distance band, with its row. */
function closePairs(xs: ArrayLike<number>, ys: ArrayLike<number>, o: KnoxOptions): PairList {
  const n = xs.length;
  const reach = o.distanceBand * o.distanceBands;
  const index = new KDBush(Math.max(1, n));
  for (let i = 0; i < n; i++) index.add(xs[i], ys[i]);
  index.finish();
  let cap = 1024;
  let a: Int32Array = new Int32Array(cap);
  let b: Int32Array = new Int32Array(cap);
  let row: Uint8Array = new Uint8Array(cap);
  let m = 0;
  const beyond = o.distanceBands + 1;
  for (let i = 0; i < n; i++) {
    // Manhattan distance >= Euclidean distance, so the Euclidean ball holds every candidate.
    for (const j of index.within(xs[i], ys[i], reach)) {
      if (j <= i) continue;
      const dx = Math.abs(xs[i] - xs[j]);
      const dy = Math.abs(ys[i] - ys[j]);
      const r = distanceRow(o.metric === 'manhattan' ? dx + dy : Math.sqrt(dx * dx + dy * dy), o);
      if (r === beyond) continue;
      if (m === cap) {
        cap *= 2;
        a = grow(a, cap);
        b = grow(b, cap);
        const r2 = new Uint8Array(cap);
        r2.set(row);
        row = r2;
      }
      a[m] = i;
      b[m] = j;
      row[m] = r;
      m++;
    }
  }
  return { a: a.subarray(0, m), b: b.subarray(0, m), row: row.subarray(0, m) };
}

function grow(arr: Int32Array, cap: number): Int32Array {
  const next = new Int32Array(cap);
  next.set(arr);
  return next;
}

/** Number of pairs (over all events) in each time column, from the sorted dates alone. */
function pairsPerTimeColumn(days: ArrayLike<number>, o: KnoxOptions): Float64Array {
  const sorted = Float64Array.from(days).sort();
  const n = sorted.length;
  const T = o.timeBands;
  const w = o.timeBand;
  /** Pairs whose difference is <= limit (or < limit when strict). */
  const within = (limit: number, strict: boolean) => {
    let count = 0;
    let lo = 0;
    for (let hi = 0; hi < n; hi++) {
      while (strict ? sorted[hi] - sorted[lo] >= limit : sorted[hi] - sorted[lo] > limit) lo++;
      count += hi - lo;
    }
    return count;
  };
  const total = (n * (n - 1)) / 2;
  const out = new Float64Array(T + 1);
  // Cumulative counts up to the end of each band, in the convention's closedness.
  const cumulative = Array.from({ length: T }, (_, j) => within((j + 1) * w, Boolean(o.nrcBands)));
  for (let j = 0; j < T; j++) out[j] = cumulative[j] - (j > 0 ? cumulative[j - 1] : 0);
  out[T] = total - cumulative[T - 1];
  return out;
}

function labels(o: KnoxOptions): { rowLabels: string[]; columnLabels: string[] } {
  const w = o.distanceBand;
  const t = o.timeBand;
  const rowLabels = ['Same location'];
  for (let i = 1; i <= o.distanceBands; i++) rowLabels.push(`${(i - 1) * w + 1} to ${i * w}`);
  rowLabels.push(`More than ${o.distanceBands * w}`);
  const columnLabels: string[] = [];
  for (let j = 0; j < o.timeBands; j++) columnLabels.push(`${j === 0 ? 0 : j * t + 1} to ${(j + 1) * t}`);
  columnLabels.push(`More than ${o.timeBands * t}`);
  return { rowLabels, columnLabels };
}
