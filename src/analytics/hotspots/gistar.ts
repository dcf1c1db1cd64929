import KDBush from 'kdbush';
import { benjaminiHochberg, twoSidedP } from './stats.js';

export interface GiStarOptions {
  /** Neighbours are the points within this distance (inclusive), the focal point included. */
  distanceBand: number;
}

export interface GiStarResult {
  /** Gi* z-scores, in input order. */
  z: Float64Array;
  /** Two-sided normal p-values. */
  p: Float64Array;
  /** Benjamini–Hochberg adjusted p-values (false-discovery rate). */
  q: Float64Array;
  /** Number of neighbours of each point, itself included. */
  neighbours: Uint32Array;
}

/**
 * Getis-Ord Gi* with binary distance-band weights (w_ij = 1 when d_ij <= band, w_ii = 1), as
 * PySAL esda `G_Local(y, w, transform='B', star=True)`:
 *   z_i = (sum_j w_ij x_j - mean * W_i) / (S * sqrt((n * W_i - W_i^2) / (n - 1)))
 * with W_i = sum_j w_ij and S the population standard deviation of x. A point whose band holds
 * every point (zero variance) or constant values get z = 0.
 */
export function giStar(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  values: ArrayLike<number>,
  options: GiStarOptions,
): GiStarResult {
  const n = values.length;
  if (xs.length !== n || ys.length !== n)
    throw new Error('giStar: xs, ys and values must have the same length');
  const band = options.distanceBand;
  if (!(band >= 0)) throw new Error('giStar: the distance band must be a non-negative number');
  const z = new Float64Array(n);
  const neighbours = new Uint32Array(n);
  if (n > 0) {
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < n; i++) {
      sum += values[i];
      sumSq += values[i] * values[i];
    }
    const mean = sum / n;
    const s = Math.sqrt(Math.max(0, sumSq / n - mean * mean));
    const index = new KDBush(n);
    for (let i = 0; i < n; i++) index.add(xs[i], ys[i]);
    index.finish();
    for (let i = 0; i < n; i++) {
      const ids = index.within(xs[i], ys[i], band);
      let local = 0;
      for (const j of ids) local += values[j];
      const w = ids.length;
      neighbours[i] = w;
      const variance = (n * w - w * w) / (n - 1);
      z[i] = s > 0 && variance > 0 ? (local - mean * w) / (s * Math.sqrt(variance)) : 0;
    }
  }
  const p = z.map(twoSidedP);
  return { z, p, q: benjaminiHochberg(p), neighbours };
}
