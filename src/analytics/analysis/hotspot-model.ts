import KDBush from 'kdbush';
import { getHexagonEdgeLengthAvg, latLngToCell, UNITS } from 'h3-js';
import { toWgs84 } from '../geo/bng.js';
import type { PartnershipAreas } from '../areas.js';
import { cellHotspots, cellHotspotTrends } from '../hotspots/analyse.js';
import { isSignificant, type HotColdClass, type PeriodTrend } from '../hotspots/classify.js';
import { cellIndexAt, squareGrid } from '../hotspots/grid.js';
import { hexCells, hexOutline } from '../hotspots/hexagons.js';
import { kernelDensity, kernelDensityAt } from '../hotspots/kde.js';
import type { AnalysisRecord } from '../sources/record.js';

export interface HotspotOptions {
  cells: 'square' | 'hex';
  /** Square cell size in metres. */
  size: number;
  /** H3 resolution for hexagons. */
  resolution: number;
  /** Kernel density bandwidth, metres. */
  bandwidth: number;
  /** Gi* neighbourhood, metres; null for the default (the cell and its ring of neighbours). */
  band: number | null;
  /** Confidence at which a cell counts as a hot spot for the trend and the coverage gaps. */
  confidence: 90 | 95 | 99;
  /** Sub-periods for the trend classes. */
  trendBy: 'month' | 'quarter';
  /** A hot spot with no camera within this many metres of its centre is a coverage gap. */
  gapDistance: number;
}

export interface HotspotCell {
  id: string;
  x: number;
  y: number;
  lon: number;
  lat: number;
  areaCode: string | null;
  count: number;
  /** Kernel density, records per km². */
  density: number;
  z: number;
  q: number;
  cls: HotColdClass;
  trend: PeriodTrend;
  /** Outline, [lon, lat] closed ring. */
  ring: [number, number][];
  /** Distance to the nearest camera in metres (null when none within 1 km or no cameras are held). */
  nearestCamera: number | null;
  gap: boolean;
}

export interface HotspotModel {
  options: HotspotOptions & { band: number };
  cells: HotspotCell[];
  cellAreaM2: number;
  records: number;
  inCells: number;
  classCounts: Record<HotColdClass, number>;
  trendCounts: Record<PeriodTrend, number>;
  periods: { label: string; months: string[] }[];
  cameras: number;
}

export const DEFAULT_HOTSPOT_OPTIONS: HotspotOptions = {
  cells: 'square',
  size: 100,
  resolution: 10,
  bandwidth: 150,
  band: null,
  confidence: 95,
  trendBy: 'quarter',
  gapDistance: 100,
};

/** Splits months (oldest first) into the trend's sub-periods. */
export function splitPeriods(
  months: readonly string[],
  by: 'month' | 'quarter',
): { label: string; months: string[] }[] {
  if (by === 'month') return months.map((m) => ({ label: m, months: [m] }));
  const out: { label: string; months: string[] }[] = [];
  for (let i = 0; i < months.length; i += 3) {
    const chunk = months.slice(i, i + 3);
    out.push({
      label: chunk.length === 1 ? chunk[0] : `${chunk[0]} to ${chunk[chunk.length - 1]}`,
      months: chunk,
    });
  }
  return out;
}

interface CellFrame {
  centres: { x: number; y: number; lon: number; lat: number; id: string; ring: [number, number][] }[];
  indexOf(r: AnalysisRecord): number;
  density(points: { x: number; y: number }[], bandwidth: number): Float64Array;
  areaM2: number;
  defaultBand: number;
}

function squareFrame(areas: PartnershipAreas, size: number): CellFrame {
  const grid = squareGrid({ size, boundary: areas.boundary });
  const half = size / 2;
  return {
    centres: grid.cells.map((c) => {
      const [lon, lat] = toWgs84(c.x, c.y);
      const corners: [number, number][] = [
        [c.x - half, c.y - half],
        [c.x + half, c.y - half],
        [c.x + half, c.y + half],
        [c.x - half, c.y + half],
        [c.x - half, c.y - half],
      ];
      return {
        x: c.x,
        y: c.y,
        lon,
        lat,
        id: `${Math.round(c.x - half)}-${Math.round(c.y - half)}`,
        ring: corners.map(([x, y]) => toWgs84(x, y)),
      };
    }),
    indexOf: (r) => cellIndexAt(grid, r.x, r.y),
    density: (points, bandwidth) => kernelDensity(grid, points, { bandwidth }),
    areaM2: size * size,
    // The cell and its eight neighbours (diagonals at 1.41 cell widths).
    defaultBand: Math.round(size * 1.5),
  };
}

function hexFrame(areas: PartnershipAreas, resolution: number): CellFrame {
  const hexes = hexCells(areas.boundary, resolution);
  const at = new Map(hexes.map((h, i) => [h.h3, i]));
  const edge = getHexagonEdgeLengthAvg(resolution, UNITS.m);
  return {
    centres: hexes.map((h) => ({ x: h.x, y: h.y, lon: h.lon, lat: h.lat, id: h.h3, ring: hexOutline(h.h3) })),
    indexOf: (r) => at.get(latLngToCell(r.lat, r.lon, resolution)) ?? -1,
    density: (points, bandwidth) => kernelDensityAt(hexes, points, { bandwidth }),
    areaM2: ((3 * Math.sqrt(3)) / 2) * edge * edge,
    // Neighbouring centres are sqrt(3) edges apart: take the ring of six.
    defaultBand: Math.round(Math.sqrt(3) * edge * 1.2),
  };
}

/**
 * Hot spot analysis of records over square cells or H3 hexagons: counts, kernel density, Gi* with
 * FDR-corrected classes, the trend class across sub-periods, and coverage gaps against cameras.
 */
export function hotspotModel(
  records: readonly AnalysisRecord[],
  months: readonly string[],
  areas: PartnershipAreas,
  options: HotspotOptions,
  cameras: readonly { x: number; y: number }[] = [],
): HotspotModel {
  const frame =
    options.cells === 'hex' ? hexFrame(areas, options.resolution) : squareFrame(areas, options.size);
  const band = options.band ?? frame.defaultBand;
  const n = frame.centres.length;
  const counts = new Float64Array(n);
  const periods = splitPeriods(months, options.trendBy);
  const periodOf = new Map<string, number>();
  periods.forEach((p, i) => p.months.forEach((m) => periodOf.set(m, i)));
  const byPeriod = periods.map(() => new Float64Array(n));
  const inside: { x: number; y: number }[] = [];
  for (const r of records) {
    const k = frame.indexOf(r);
    if (k < 0) continue;
    counts[k]++;
    inside.push(r);
    const t = periodOf.get(r.month);
    if (t !== undefined) byPeriod[t][k]++;
  }
  const density = frame.density(inside, options.bandwidth);
  const centres = { cells: frame.centres };
  const gi = n > 1 ? cellHotspots(centres, counts, { distanceBand: band }) : null;
  const trends =
    n > 1 && periods.length > 0
      ? cellHotspotTrends(centres, byPeriod, { distanceBand: band, confidence: options.confidence })
      : [];

  let cameraIndex: KDBush | null = null;
  if (cameras.length) {
    cameraIndex = new KDBush(cameras.length);
    for (const c of cameras) cameraIndex.add(c.x, c.y);
    cameraIndex.finish();
  }
  const nearest = (x: number, y: number): number | null => {
    if (!cameraIndex) return null;
    let best: number | null = null;
    for (const id of cameraIndex.within(x, y, 1000)) {
      const d = Math.hypot(cameras[id].x - x, cameras[id].y - y);
      if (best === null || d < best) best = d;
    }
    return best;
  };

  const cells: HotspotCell[] = frame.centres.map((c, i) => {
    const cls = gi ? gi.classes[i] : 'not-significant';
    const nearestCamera = nearest(c.x, c.y);
    return {
      id: c.id,
      x: c.x,
      y: c.y,
      lon: c.lon,
      lat: c.lat,
      areaCode: areas.areaAt(c.lon, c.lat)?.code ?? null,
      count: counts[i],
      density: density[i] * 1e6,
      z: gi ? gi.z[i] : 0,
      q: gi ? gi.q[i] : 1,
      cls,
      trend: trends[i] ?? 'never',
      ring: c.ring,
      nearestCamera,
      gap:
        isSignificant(cls, 'hot', options.confidence) &&
        (nearestCamera === null || nearestCamera > options.gapDistance),
    };
  });
  const classCounts = {
    'hot-99': 0,
    'hot-95': 0,
    'hot-90': 0,
    'cold-99': 0,
    'cold-95': 0,
    'cold-90': 0,
    'not-significant': 0,
  } as Record<HotColdClass, number>;
  const trendCounts = { persistent: 0, emerging: 0, intermittent: 0, former: 0, never: 0 } as Record<
    PeriodTrend,
    number
  >;
  for (const c of cells) {
    classCounts[c.cls]++;
    trendCounts[c.trend]++;
  }
  return {
    options: { ...options, band },
    cells,
    cellAreaM2: frame.areaM2,
    records: records.length,
    inCells: inside.length,
    classCounts,
    trendCounts,
    periods,
    cameras: cameras.length,
  };
}

export const CLASS_LABELS: Record<HotColdClass, string> = {
  'hot-99': 'Hot spot, 99% confidence',
  'hot-95': 'Hot spot, 95% confidence',
  'hot-90': 'Hot spot, 90% confidence',
  'cold-99': 'Cold spot, 99% confidence',
  'cold-95': 'Cold spot, 95% confidence',
  'cold-90': 'Cold spot, 90% confidence',
  'not-significant': 'Not significant',
};

export const TREND_LABELS: Record<PeriodTrend, string> = {
  persistent: 'Persistent',
  emerging: 'Emerging',
  intermittent: 'Intermittent',
  former: 'Former',
  never: 'Not a hot spot',
};
