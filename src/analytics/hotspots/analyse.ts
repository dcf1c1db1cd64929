import {
  classifyCellsAcrossPeriods,
  classifyHotCold,
  isSignificant,
  type HotColdClass,
  type PeriodTrend,
} from './classify.js';
import { giStar } from './gistar.js';

/** Cells with centres in metres (square grid cells, or H3 cells projected to BNG). */
export interface CellCentres {
  cells: readonly { x: number; y: number }[];
}

export interface CellHotspotOptions {
  /** Gi* neighbourhood: cells whose centres lie within this many metres (the cell itself included). */
  distanceBand: number;
  /** Classify on Benjamini–Hochberg q-values (controls false discoveries across cells). Default true. */
  fdr?: boolean;
}

export interface CellHotspots {
  z: Float64Array;
  p: Float64Array;
  q: Float64Array;
  classes: HotColdClass[];
}

/** Gi* over the cells' counts with hot/cold classes at 90/95/99% (FDR-corrected by default). */
export function cellHotspots(
  grid: CellCentres,
  counts: ArrayLike<number>,
  options: CellHotspotOptions,
): CellHotspots {
  const { z, p, q } = giStar(
    grid.cells.map((c) => c.x),
    grid.cells.map((c) => c.y),
    counts,
    { distanceBand: options.distanceBand },
  );
  return { z, p, q, classes: classifyHotCold(z, options.fdr === false ? p : q) };
}

/**
 * Hot spot trend of each cell across periods (e.g. quarters, oldest first): Gi* per period, a cell
 * counting as hot in a period when significant at `confidence` (default 95%), then persistent /
 * emerging / intermittent / former / never as defined in classifyAcrossPeriods.
 */
export function cellHotspotTrends(
  grid: CellCentres,
  countsByPeriod: readonly ArrayLike<number>[],
  options: CellHotspotOptions & { confidence?: 90 | 95 | 99; kind?: 'hot' | 'cold' },
): PeriodTrend[] {
  const hotByPeriod = countsByPeriod.map((counts) =>
    cellHotspots(grid, counts, options).classes.map((c) =>
      isSignificant(c, options.kind ?? 'hot', options.confidence ?? 95),
    ),
  );
  return classifyCellsAcrossPeriods(hotByPeriod);
}
