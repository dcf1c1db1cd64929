import type { SquareGrid } from '../hotspots/grid.js';
import { giStar } from '../hotspots/gistar.js';
import type { PredictionMethodName } from './method-names.js';

export { DEFAULT_METHOD, PREDICTION_METHOD_NAMES, type PredictionMethodName } from './method-names.js';

export interface PredictionInput {
  grid: SquareGrid;
  /** Crimes per study cell in each training month, oldest first. */
  counts: Float64Array[];
  /** Other crimes (e.g. all types) per cell in the same months, when given. */
  context?: Float64Array[];
  /** Every month before the scored one (the training months are its last ones), oldest first. */
  history: Float64Array[];
  contextHistory?: Float64Array[];
}

/** Gives each study cell a score; the highest-scoring cells are flagged. */
export type PredictionMethod = (input: PredictionInput) => Float64Array;

/** Sum of the training months' counts per cell. */
export function priorCounts({ grid, counts }: PredictionInput): Float64Array {
  const out = new Float64Array(grid.cells.length);
  for (const month of counts) for (let i = 0; i < out.length; i++) out[i] += month[i];
  return out;
}

/**
 * Spreads cell values to the cells around them with a quartic kernel of radius `bandwidth` metres
 * (weights relative to the cell itself, which keeps weight 1).
 */
export function smoothCells(grid: SquareGrid, values: Float64Array, bandwidth: number): Float64Array {
  const out = new Float64Array(values.length);
  const reach = Math.floor(bandwidth / grid.size);
  const h2 = bandwidth * bandwidth;
  grid.cells.forEach((cell, i) => {
    const v = values[i];
    if (v === 0) return;
    for (let dr = -reach; dr <= reach; dr++) {
      const r = cell.row + dr;
      if (r < 0 || r >= grid.rows) continue;
      for (let dc = -reach; dc <= reach; dc++) {
        const c = cell.col + dc;
        if (c < 0 || c >= grid.cols) continue;
        const j = grid.lookup[c + r * grid.cols];
        if (j < 0) continue;
        const d2 = (dr * dr + dc * dc) * grid.size * grid.size;
        if (d2 >= h2) continue;
        const u = 1 - d2 / h2;
        out[j] += v * u * u;
      }
    }
  });
  return out;
}

export interface BlendParams {
  /** Weight of each month before the training window, relative to a window month... */
  earlierWeight: number;
  /** ...halved every this many months further back. */
  halfLifeMonths: number;
  /** Weight of the all-crime prior (see `blendedScore`). */
  context: number;
}

/** Weights for `months` months, oldest first: the last `window` weigh 1, older ones fade. */
function monthWeights(months: number, window: number, p: BlendParams): number[] {
  return Array.from({ length: months }, (_, t) => {
    const age = months - 1 - t;
    return age < window ? 1 : p.earlierWeight * Math.pow(0.5, (age - window) / p.halfLifeMonths);
  });
}

function weightedSum(months: Float64Array[], weights: number[], cells: number): Float64Array {
  const out = new Float64Array(cells);
  months.forEach((m, t) => {
    for (let i = 0; i < cells; i++) out[i] += weights[t] * m[i];
  });
  return out;
}

/**
 * The default method. A cell's score is
 *   own_i + context * share_i * ownTotal + 1e-9 * all_i
 * where own_i is the cell's count of the crime type over the training months (weight 1) plus
 * the months before them (weight 0.7, halving every 12 months further back), all_i the same
 * weighted count of all crime (the context), share_i = all_i / sum(all): the cell's expected count
 * if the type followed all crime. The all-crime term shrinks sparse counts toward where crime in
 * general happens and breaks the many ties among cells with equal counts.
 *
 * Why this and not smoothing: police.uk snaps crimes to a fixed set of map points, so a cell's own
 * history predicts it far better than its neighbours' do. On the City data (13 months, 11 crime
 * types, 50/100/200 m cells, 2-10% coverage, 1/3/6 training months) kernel smoothing (150-250 m)
 * and Gi* both scored below prior counts, while this scored a geometric mean of 1.21x the prior
 * counts' PAI, and the result was flat across earlier weights 0.4-0.7 and context 0.1-0.25.
 */
export function blendedScore(params: BlendParams): PredictionMethod {
  return ({ grid, counts, history, contextHistory }) => {
    const cells = grid.cells.length;
    const weights = monthWeights(history.length, counts.length, params);
    const own = weightedSum(history, weights, cells);
    const out = new Float64Array(own);
    if (!contextHistory) return out;
    const all = weightedSum(contextHistory, weights, cells);
    const ownTotal = own.reduce((a, v) => a + v, 0);
    const allTotal = all.reduce((a, v) => a + v, 0);
    if (allTotal === 0) return out;
    for (let i = 0; i < cells; i++) out[i] += (params.context * all[i] * ownTotal) / allTotal + 1e-9 * all[i];
    return out;
  };
}

/** Kernel-smoothed training counts (quartic kernel over cell centres, `bandwidth` metres). */
export function kernelScore(bandwidth: number): PredictionMethod {
  return (input) => smoothCells(input.grid, priorCounts(input), bandwidth);
}

/** Gi* z-scores of the training counts over cell centres (band = `band` metres). */
export function giStarScore(band: number): PredictionMethod {
  return (input) => {
    const { cells } = input.grid;
    return giStar(
      cells.map((c) => c.x),
      cells.map((c) => c.y),
      priorCounts(input),
      { distanceBand: band },
    ).z;
  };
}

export const DEFAULT_BLEND: BlendParams = { earlierWeight: 0.7, halfLifeMonths: 12, context: 0.1 };

export const PREDICTION_METHODS: Record<PredictionMethodName, PredictionMethod> = {
  /** Most crimes in the training months; ties to the lower cell index. */
  'prior-counts': priorCounts,
  /** The default: see blendedScore. */
  blended: blendedScore(DEFAULT_BLEND),
  /** Kernel density of the training months, 150 m quartic kernel. */
  kde: kernelScore(150),
  /** Gi* z-scores of the training months, 150 m band. */
  gistar: giStarScore(150),
};
