import { cellIndexAt, type SquareGrid } from '../hotspots/grid.js';
import { PREDICTION_METHODS, type PredictionMethod, type PredictionMethodName } from './methods.js';

/** A located crime for prediction: month YYYY-MM and BNG metres. */
export interface MonthlyPoint {
  month: string;
  x: number;
  y: number;
}

export interface EvaluateOptions {
  grid: SquareGrid;
  /** Share of the study cells to flag each month, in (0, 1]. */
  coverage: number;
  /** Training months before each scored month (the first `train` months are never scored). */
  train: number;
  /** A built-in method by name, or any scoring function (for research). */
  method: PredictionMethodName | { name: string; score: PredictionMethod };
  /**
   * Months to cover, oldest first (default: every calendar month from the first to the last month
   * in the data, so a month without crimes counts as zero).
   */
  months?: string[];
  /** Other crimes (e.g. all types) a method may use as context; same months. */
  context?: readonly MonthlyPoint[];
}

export interface MonthScore {
  month: string;
  /** Crimes in the month (in study cells) and of them in flagged cells. */
  crimes: number;
  hits: number;
  flaggedCells: number;
  /** n / N; null when the month has no crimes. */
  hitRate: number | null;
  /** (n / N) / (a / A), a and A the flagged and total cell areas. */
  pai: number | null;
  /** PAI / best PAI with as many flagged cells that month = n / n*. */
  pei: number | null;
}

export interface EvaluationResult {
  method: string;
  cells: number;
  flaggedCells: number;
  months: MonthScore[];
  /** Means over the months that had crimes. */
  meanPai: number | null;
  meanHitRate: number | null;
  meanPei: number | null;
}

/**
 * Rolling-origin evaluation: for each month after the first `train` months, the method scores the
 * cells from the months before it — shrunk-counts (the default), prior-counts, kde and gistar from
 * the previous `train` months only; blended weights those fully and earlier months less — the top `coverage` share of cells (at
 * least one) is flagged, and the month is scored on where its crimes fell. No method sees the
 * scored month or any later one.
 */
export function evaluatePredictions(
  points: readonly MonthlyPoint[],
  options: EvaluateOptions,
): EvaluationResult {
  const { grid, coverage, train } = options;
  if (!(coverage > 0 && coverage <= 1)) throw new Error('coverage must be a fraction in (0, 1]');
  if (!Number.isInteger(train) || train < 1) throw new Error('train must be a whole number of months >= 1');
  const { name, score: method } =
    typeof options.method === 'string'
      ? { name: options.method, score: PREDICTION_METHODS[options.method] }
      : options.method;
  if (!method)
    throw new Error(`unknown method ${name}; known: ${Object.keys(PREDICTION_METHODS).join(', ')}`);
  const months = options.months ?? monthRange(points.map((p) => p.month));
  const counts = monthlyCellCounts(points, grid, months);
  const contextCounts = options.context ? monthlyCellCounts(options.context, grid, months) : undefined;
  const cells = grid.cells.length;
  const k = Math.max(1, Math.min(cells, Math.round(coverage * cells)));
  const scores: MonthScore[] = [];
  for (let t = train; t < months.length; t++) {
    const score = method({
      grid,
      counts: counts.slice(t - train, t),
      context: contextCounts?.slice(t - train, t),
      history: counts.slice(0, t),
      contextHistory: contextCounts?.slice(0, t),
    });
    const flagged = topCells(score, k);
    scores.push(scoreMonth(months[t], counts[t], flagged, cells));
  }
  const scored = scores.filter((s) => s.crimes > 0);
  const mean = (f: (s: MonthScore) => number | null) =>
    scored.length ? scored.reduce((a, s) => a + (f(s) ?? 0), 0) / scored.length : null;
  return {
    method: name,
    cells,
    flaggedCells: k,
    months: scores,
    meanPai: mean((s) => s.pai),
    meanHitRate: mean((s) => s.hitRate),
    meanPei: mean((s) => s.pei),
  };
}

/** Indices of the k highest scores; equal scores go to the lower cell index (south-west first). */
export function topCells(score: ArrayLike<number>, k: number): number[] {
  return Array.from({ length: score.length }, (_, i) => i)
    .sort((a, b) => score[b] - score[a] || a - b)
    .slice(0, k);
}

export function scoreMonth(
  month: string,
  actual: Float64Array,
  flagged: number[],
  cells: number,
): MonthScore {
  let crimes = 0;
  for (const c of actual) crimes += c;
  const hits = flagged.reduce((s, i) => s + actual[i], 0);
  const best = Array.from(actual)
    .sort((a, b) => b - a)
    .slice(0, flagged.length)
    .reduce((s, c) => s + c, 0);
  const areaShare = flagged.length / cells;
  const hitRate = crimes > 0 ? hits / crimes : null;
  return {
    month,
    crimes,
    hits,
    flaggedCells: flagged.length,
    hitRate,
    pai: hitRate === null ? null : hitRate / areaShare,
    pei: best > 0 ? hits / best : null,
  };
}

/** Counts per study cell for each month (points in no study cell are left out). */
export function monthlyCellCounts(
  points: readonly MonthlyPoint[],
  grid: SquareGrid,
  months: string[],
): Float64Array[] {
  const at = new Map(months.map((m, i) => [m, i]));
  const out = months.map(() => new Float64Array(grid.cells.length));
  for (const p of points) {
    const t = at.get(p.month);
    const k = cellIndexAt(grid, p.x, p.y);
    if (t !== undefined && k >= 0) out[t][k]++;
  }
  return out;
}

/** Every calendar month from the earliest to the latest given (YYYY-MM). */
export function monthRange(months: readonly string[]): string[] {
  if (months.length === 0) return [];
  const sorted = [...months].sort();
  const toIndex = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
  const out: string[] = [];
  for (let i = toIndex(sorted[0]); i <= toIndex(sorted[sorted.length - 1]); i++) {
    out.push(`${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
  }
  return out;
}
