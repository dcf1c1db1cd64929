import type { BBox, Boundary } from '../geo/boundary.js';

/** A point in British National Grid metres. */
export interface XY {
  x: number;
  y: number;
}

/**
 * Square cells of `size` metres, aligned to multiples of `size` on the national grid (so the same
 * cells come out whatever the data). Study cells are those whose square shares any part with the
 * boundary (its centre is inside, or a boundary edge passes through it); without a boundary, every
 * cell of the extent. The study area A is then the total area of the study cells, `cells.length *
 * size^2`, which contains every point clipped to the boundary.
 */
export interface SquareGrid {
  size: number;
  /** South-west corner of column 0, row 0. */
  originX: number;
  originY: number;
  cols: number;
  rows: number;
  /** Study cells, ordered by row (south to north) then column (west to east). */
  cells: GridCell[];
  /** Study-cell index of each col + row * cols, or -1. */
  lookup: Int32Array;
  /** Total area of the study cells in square metres. */
  areaM2: number;
}

export interface GridCell {
  col: number;
  row: number;
  /** Centre, BNG metres. */
  x: number;
  y: number;
}

export interface GridOptions {
  size: number;
  /** Clip the cells to this boundary; otherwise cover `extent`. */
  boundary?: Boundary;
  /** Extent to cover when there is no boundary (e.g. the points' box). */
  extent?: BBox;
}

export function squareGrid(options: GridOptions): SquareGrid {
  const { size, boundary } = options;
  if (!(size > 0)) throw new Error('squareGrid: the cell size must be a positive number of metres');
  const extent = boundary?.bboxBng ?? options.extent;
  if (!extent) throw new Error('squareGrid: give a boundary or an extent');
  const originX = Math.floor(extent.minX / size) * size;
  const originY = Math.floor(extent.minY / size) * size;
  const cols = Math.max(1, Math.floor((extent.maxX - originX) / size) + 1);
  const rows = Math.max(1, Math.floor((extent.maxY - originY) / size) + 1);
  if (cols * rows > 50_000_000)
    throw new Error(`squareGrid: ${cols} x ${rows} cells is too many; use larger cells`);
  const inside = new Uint8Array(cols * rows);
  if (boundary) {
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        if (boundary.containsBng(originX + (c + 0.5) * size, originY + (r + 0.5) * size))
          inside[c + r * cols] = 1;
      }
    }
    for (const polygon of boundary.polygonsBng) {
      for (const ring of polygon) markEdgeCells(ring, { originX, originY, size, cols, rows }, inside);
    }
  } else {
    inside.fill(1);
  }
  const cells: GridCell[] = [];
  const lookup = new Int32Array(cols * rows).fill(-1);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (!inside[c + r * cols]) continue;
      lookup[c + r * cols] = cells.length;
      cells.push({ col: c, row: r, x: originX + (c + 0.5) * size, y: originY + (r + 0.5) * size });
    }
  }
  return { size, originX, originY, cols, rows, cells, lookup, areaM2: cells.length * size * size };
}

/** The study cell holding a point, or -1 when the point is in no study cell. */
export function cellIndexAt(grid: SquareGrid, x: number, y: number): number {
  const c = Math.floor((x - grid.originX) / grid.size);
  const r = Math.floor((y - grid.originY) / grid.size);
  if (c < 0 || r < 0 || c >= grid.cols || r >= grid.rows) return -1;
  return grid.lookup[c + r * grid.cols];
}

/** Counts (or sums weights of) points per study cell; points in no study cell are ignored. */
export function countInCells(
  grid: SquareGrid,
  points: readonly XY[],
  weights?: readonly number[],
): Float64Array {
  const counts = new Float64Array(grid.cells.length);
  points.forEach((p, i) => {
    const k = cellIndexAt(grid, p.x, p.y);
    if (k >= 0) counts[k] += weights ? weights[i] : 1;
  });
  return counts;
}

/** Square cells over a boundary (or the points' extent) with the number of points in each. */
export function gridCells(
  points: readonly XY[],
  size: number,
  boundary?: Boundary,
): { grid: SquareGrid; counts: Float64Array } {
  const grid = squareGrid({ size, boundary, extent: boundary ? undefined : pointsBox(points) });
  return { grid, counts: countInCells(grid, points) };
}

export function pointsBox(points: readonly XY[]): BBox {
  if (points.length === 0) throw new Error('no points to make a grid over');
  const box = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  for (const { x, y } of points) {
    box.minX = Math.min(box.minX, x);
    box.minY = Math.min(box.minY, y);
    box.maxX = Math.max(box.maxX, x);
    box.maxY = Math.max(box.maxY, y);
  }
  return box;
}

interface GridFrame {
  originX: number;
  originY: number;
  size: number;
  cols: number;
  rows: number;
}

/** Marks every cell that a ring's edges pass through. */
function markEdgeCells(ring: [number, number][], g: GridFrame, inside: Uint8Array): void {
  for (let i = 1; i < ring.length; i++) {
    const [x0, y0] = ring[i - 1];
    const [x1, y1] = ring[i];
    const c0 = clamp(Math.floor((Math.min(x0, x1) - g.originX) / g.size), 0, g.cols - 1);
    const c1 = clamp(Math.floor((Math.max(x0, x1) - g.originX) / g.size), 0, g.cols - 1);
    const r0 = clamp(Math.floor((Math.min(y0, y1) - g.originY) / g.size), 0, g.rows - 1);
    const r1 = clamp(Math.floor((Math.max(y0, y1) - g.originY) / g.size), 0, g.rows - 1);
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        const k = c + r * g.cols;
        if (inside[k]) continue;
        const bx = g.originX + c * g.size;
        const by = g.originY + r * g.size;
        if (segmentCrossesBox(x0, y0, x1, y1, bx, by, bx + g.size, by + g.size)) inside[k] = 1;
      }
    }
  }
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** Liang–Barsky: does the segment have a part of positive length inside the open box? */
export function segmentCrossesBox(
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  minX: number,
  minY: number,
  maxX: number,
  maxY: number,
): boolean {
  const dx = x1 - x0;
  const dy = y1 - y0;
  let t0 = 0;
  let t1 = 1;
  const edges: [number, number][] = [
    [-dx, x0 - minX],
    [dx, maxX - x0],
    [-dy, y0 - minY],
    [dy, maxY - y0],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q <= 0) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) {
      if (t > t0) t0 = t;
    } else if (t < t1) t1 = t;
    if (t0 >= t1) return false;
  }
  return t1 > t0;
}
