import KDBush from 'kdbush';
import type { SquareGrid, XY } from './grid.js';

export interface KernelDensityOptions {
  /** Kernel radius in metres: points farther than this from a cell centre add nothing. */
  bandwidth: number;
  /** One weight per point (default 1 each). */
  weights?: readonly number[];
}

/**
 * Kernel density at each study cell's centre with the quartic (biweight) kernel
 *   K(d) = 3 / (pi h^2) * (1 - d^2 / h^2)^2  for d < h, else 0,
 * which integrates to 1, so the result is points per square metre; multiply by 1e6 for per km².
 */
export function kernelDensity(
  grid: SquareGrid,
  points: readonly XY[],
  options: KernelDensityOptions,
): Float64Array {
  const h = options.bandwidth;
  if (!(h > 0)) throw new Error('kernelDensity: the bandwidth must be a positive number of metres');
  const out = new Float64Array(grid.cells.length);
  const h2 = h * h;
  const norm = 3 / (Math.PI * h2);
  const { originX, originY, size, cols, rows, lookup } = grid;
  points.forEach((p, i) => {
    const w = options.weights ? options.weights[i] : 1;
    if (w === 0) return;
    const c0 = Math.max(0, Math.ceil((p.x - h - originX) / size - 0.5));
    const c1 = Math.min(cols - 1, Math.floor((p.x + h - originX) / size - 0.5));
    const r0 = Math.max(0, Math.ceil((p.y - h - originY) / size - 0.5));
    const r1 = Math.min(rows - 1, Math.floor((p.y + h - originY) / size - 0.5));
    for (let r = r0; r <= r1; r++) {
      const dy = originY + (r + 0.5) * size - p.y;
      for (let c = c0; c <= c1; c++) {
        const k = lookup[c + r * cols];
        if (k < 0) continue;
        const dx = originX + (c + 0.5) * size - p.x;
        const d2 = dx * dx + dy * dy;
        if (d2 >= h2) continue;
        const u = 1 - d2 / h2;
        out[k] += w * norm * u * u;
      }
    }
  });
  return out;
}

/**
 * The same quartic kernel density at any centres (e.g. H3 hexagon centres in BNG metres): each
 * point adds to the centres within the bandwidth, found with a KD-tree. Points per square metre.
 */
export function kernelDensityAt(
  centres: readonly XY[],
  points: readonly XY[],
  options: KernelDensityOptions,
): Float64Array {
  const h = options.bandwidth;
  if (!(h > 0)) throw new Error('kernelDensityAt: the bandwidth must be a positive number of metres');
  const out = new Float64Array(centres.length);
  if (centres.length === 0) return out;
  const index = new KDBush(centres.length);
  for (const c of centres) index.add(c.x, c.y);
  index.finish();
  const h2 = h * h;
  const norm = 3 / (Math.PI * h2);
  points.forEach((p, i) => {
    const w = options.weights ? options.weights[i] : 1;
    if (w === 0) return;
    for (const k of index.within(p.x, p.y, h)) {
      const dx = centres[k].x - p.x;
      const dy = centres[k].y - p.y;
      const d2 = dx * dx + dy * dy;
      if (d2 >= h2) continue;
      const u = 1 - d2 / h2;
      out[k] += w * norm * u * u;
    }
  });
  return out;
}
