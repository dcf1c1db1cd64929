// Candidate prediction methods for bench/analytics-prediction.ts. Every one uses only the
// training window (input.counts and input.context), never input.history.
import type { SquareGrid } from '../src/analytics/hotspots/grid.js';
import { smoothCells, type PredictionMethod } from '../src/analytics/predict/methods.js';

interface Recipe {
  /** Weight of a training month `age` months before the newest (the newest weighs 1). */
  decay?: number;
  /** Weight of the quartic-smoothed neighbours' counts (cell itself excluded)... */
  neighbours?: number;
  /** ...within this many cell widths (at least one whole neighbouring cell). */
  bandwidthCells?: number;
  /** Or within this many metres. */
  bandwidthM?: number;
  /** Weight of the all-crime share: c * all_i / sum(all) * sum(own). */
  context?: number;
  /** Tie-break by all crime (1e-9 * all_i). */
  contextTie?: boolean;
  /** Tie-break by smoothed own counts. */
  smoothTie?: boolean;
  /** Smooth the context term too. */
  contextNeighbours?: number;
  /** Weight of the number of training months with any crime in the cell. */
  persistence?: number;
  /** Sum the square roots of monthly counts instead of the counts. */
  sqrt?: boolean;
}

function weighted(months: Float64Array[], decay: number, cells: number): Float64Array {
  const out = new Float64Array(cells);
  months.forEach((m, t) => {
    const w = Math.pow(decay, months.length - 1 - t);
    for (let i = 0; i < cells; i++) out[i] += w * m[i];
  });
  return out;
}

function bandwidth(grid: SquareGrid, r: Recipe): number {
  return r.bandwidthM ?? (r.bandwidthCells ?? 2) * grid.size;
}

function recipe(r: Recipe): PredictionMethod {
  return ({ grid, counts, context }) => {
    const cells = grid.cells.length;
    const own = weighted(r.sqrt ? counts.map((m) => m.map(Math.sqrt)) : counts, r.decay ?? 1, cells);
    const out = new Float64Array(own);
    if (r.persistence)
      for (const m of counts) for (let i = 0; i < cells; i++) if (m[i] > 0) out[i] += r.persistence;
    if (r.neighbours || r.smoothTie) {
      const s = smoothCells(grid, own, bandwidth(grid, r));
      for (let i = 0; i < cells; i++) {
        const nb = s[i] - own[i];
        out[i] += (r.neighbours ?? 0) * nb + (r.smoothTie ? 1e-6 * nb : 0);
      }
    }
    if (context && (r.context || r.contextTie)) {
      let all = weighted(context, r.decay ?? 1, cells);
      if (r.contextNeighbours) {
        const s = smoothCells(grid, all, bandwidth(grid, r));
        all = all.map((v, i) => v + r.contextNeighbours! * (s[i] - v));
      }
      const ownTotal = own.reduce((a, v) => a + v, 0);
      const allTotal = all.reduce((a, v) => a + v, 0);
      if (allTotal > 0) {
        for (let i = 0; i < cells; i++) {
          out[i] += ((r.context ?? 0) * all[i] * ownTotal) / allTotal + (r.contextTie ? 1e-9 * all[i] : 0);
        }
      }
    }
    return out;
  };
}

// Tried against prior-counts and shrunk-counts (the module's default, an empirical Bayes version
// of the `ctx` recipes with its strength estimated from the data).
export const RESEARCH_METHODS: Record<string, PredictionMethod> = {
  'recency 0.6': recipe({ decay: 0.6 }),
  'smooth-tie 2 cells': recipe({ smoothTie: true }),
  'neighbours 0.1 2 cells': recipe({ neighbours: 0.1 }),
  'neighbours 0.25 150 m': recipe({ neighbours: 0.25, bandwidthM: 150 }),
  'recency 0.8': recipe({ decay: 0.8 }),
  'context-tie': recipe({ contextTie: true }),
  'ctx 0.2': recipe({ context: 0.2, contextTie: true }),
  'ctx 0.5': recipe({ context: 0.5, contextTie: true }),
  'ctx 1': recipe({ context: 1, contextTie: true }),
  'ctx 2': recipe({ context: 2, contextTie: true }),
  'ctx 0.5 rec 0.8': recipe({ context: 0.5, contextTie: true, decay: 0.8 }),
  'ctx 0.5 rec 0.9': recipe({ context: 0.5, contextTie: true, decay: 0.9 }),
  'ctx 0.5 cnb 0.2': recipe({ context: 0.5, contextTie: true, contextNeighbours: 0.2 }),
  'pers 0.5 ctx-tie': recipe({ persistence: 0.5, contextTie: true }),
  'pers 1 ctx-tie': recipe({ persistence: 1, contextTie: true }),
  'sqrt ctx-tie': recipe({ sqrt: true, contextTie: true }),
  'sqrt ctx 0.5': recipe({ sqrt: true, context: 0.5, contextTie: true }),
  'pers 0.5 ctx 0.5': recipe({ persistence: 0.5, context: 0.5, contextTie: true }),
};

/**
 * Context from the other crime types in the training window, each weighted by how alike its cells
 * are to the target type's (cosine similarity, raised to `power`). Harness only: finds the window
 * in per-type counts by the number of months before the scored one.
 */
function similar(c: number, power: number) {
  return (typeCounts: Float64Array[][]): PredictionMethod =>
    ({ grid, counts, history }) => {
      const cells = grid.cells.length;
      const t = history.length;
      const own = weighted(counts, 1, cells);
      const ownTotal = own.reduce((a, v) => a + v, 0);
      const ctx = new Float64Array(cells);
      const norm = (v: Float64Array) => Math.sqrt(v.reduce((a, x) => a + x * x, 0));
      const on = norm(own);
      for (const tc of typeCounts) {
        const s = weighted(tc.slice(t - counts.length, t), 1, cells);
        const sn = norm(s);
        if (sn === 0 || on === 0) continue;
        let dot = 0;
        for (let i = 0; i < cells; i++) dot += s[i] * own[i];
        const w = Math.pow(dot / (sn * on), power);
        const tot = s.reduce((a, v) => a + v, 0);
        for (let i = 0; i < cells; i++) ctx[i] += (w * s[i]) / tot;
      }
      const ctxTotal = ctx.reduce((a, v) => a + v, 0);
      const out = new Float64Array(own);
      if (ctxTotal > 0)
        for (let i = 0; i < cells; i++) out[i] += (c * ctx[i] * ownTotal) / ctxTotal + 1e-9 * ctx[i];
      return out;
    };
}

export const similarContext: Record<string, (typeCounts: Float64Array[][]) => PredictionMethod> = {
  'sim 0.5 p1': similar(0.5, 1),
  'sim 0.5 p2': similar(0.5, 2),
  'sim 1 p2': similar(1, 2),
  'sim 1 p4': similar(1, 4),
};

/** log Γ (Lanczos). */
function logGamma(x: number): number {
  const g = 7;
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  x -= 1;
  let a = c[0];
  const t = x + g + 0.5;
  for (let i = 1; i < g + 2; i++) a += c[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/**
 * Empirical Bayes variants: `others` takes the prior pattern from the other crime types only (the
 * type's own counts do not also shape its prior); `ml` estimates the gamma strength b by maximum
 * likelihood (negative binomial marginal, b on a log grid) instead of by moments.
 */
function ebVariant(opts: { others?: boolean; ml?: boolean }): PredictionMethod {
  return ({ grid, counts, context }) => {
    const cells = grid.cells.length;
    const own = weighted(counts, 1, cells);
    if (!context) return own;
    const all = weighted(context, 1, cells);
    const base = opts.others ? all.map((v, i) => v - own[i]) : all;
    const ownTotal = own.reduce((a, v) => a + v, 0);
    const baseTotal = base.reduce((a, v) => a + v, 0);
    if (ownTotal === 0 || baseTotal === 0) return own;
    // Half a record spread evenly keeps cells with no other crime possible.
    const E = base.map(
      (v) =>
        ((v + (opts.others ? 0.5 * (baseTotal / cells) : 0)) * ownTotal) /
        (baseTotal * (opts.others ? 1.5 : 1)),
    );
    let b: number;
    if (opts.ml) {
      let best = -Infinity;
      b = 1;
      for (let k = -30; k <= 30; k++) {
        const bb = Math.pow(10, k / 10);
        let ll = 0;
        for (let i = 0; i < cells; i++) {
          const e = E[i];
          if (e <= 0) continue;
          const y = own[i];
          // y ~ NB(mean e, shape bb·e... ) with theta ~ Gamma(bb, bb): shape bb, p = bb / (bb + e)
          ll += logGamma(y + bb) - logGamma(bb) + bb * Math.log(bb / (bb + e)) + y * Math.log(e / (bb + e));
        }
        if (ll > best) {
          best = ll;
          b = bb;
        }
      }
    } else {
      let w = 0;
      let n = 0;
      const Et = E.reduce((a, v) => a + v, 0);
      for (let i = 0; i < cells; i++)
        if (E[i] > 0) {
          w += E[i] * (own[i] / E[i] - ownTotal / Et) ** 2;
          n++;
        }
      b = 1 / Math.max(w / Et - n / Et, 1e-6);
    }
    return E.map((e, i) => (e > 0 ? (e * (own[i] + b)) / (e + b) : own[i]) + 1e-9 * all[i]);
  };
}
RESEARCH_METHODS['eb others'] = ebVariant({ others: true });
RESEARCH_METHODS['eb ml'] = ebVariant({ ml: true });
RESEARCH_METHODS['eb others ml'] = ebVariant({ others: true, ml: true });
