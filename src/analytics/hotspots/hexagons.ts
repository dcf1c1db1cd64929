import {
  cellToBoundary,
  cellToLatLng,
  latLngToCell,
  polygonToCellsExperimental,
  POLYGON_TO_CELLS_FLAGS,
} from 'h3-js';
import { toBng } from '../geo/bng.js';
import type { Boundary } from '../geo/boundary.js';

/** A WGS84 point. */
export interface LonLat {
  lon: number;
  lat: number;
}

export interface HexCell {
  /** H3 index. */
  h3: string;
  /** Centre in BNG metres (for Gi* or kernel density on hexagons). */
  x: number;
  y: number;
  lon: number;
  lat: number;
}

/**
 * H3 hexagons at `resolution` (9 is about 0.1 km², 10 about 0.015 km²) that share any part with
 * the boundary, as the square grid's study cells do.
 */
export function hexCells(boundary: Boundary, resolution: number): HexCell[] {
  const ids = new Set<string>();
  for (const polygon of boundary.polygonsWgs84) {
    for (const h of polygonToCellsExperimental(
      polygon,
      resolution,
      POLYGON_TO_CELLS_FLAGS.containmentOverlapping,
      true,
    ))
      ids.add(h);
  }
  return [...ids].sort().map(describeHex);
}

export function describeHex(h3: string): HexCell {
  const [lat, lon] = cellToLatLng(h3);
  const [x, y] = toBng(lon, lat);
  return { h3, x, y, lon, lat };
}

/** Outline of a hexagon as a GeoJSON ring ([lon, lat], closed), for maps. */
export function hexOutline(h3: string): [number, number][] {
  return cellToBoundary(h3, true) as [number, number][];
}

/** Points per H3 cell at `resolution`. */
export function countInHexagons(points: readonly LonLat[], resolution: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const p of points) {
    const h = latLngToCell(p.lat, p.lon, resolution);
    counts.set(h, (counts.get(h) ?? 0) + 1);
  }
  return counts;
}
