import fs from 'node:fs/promises';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { Feature, Polygon } from 'geojson';
import { toBng, toWgs84 } from './bng.js';

/** A ring is a closed list of [x, y]; a polygon is an outer ring then holes. */
export type Ring = [number, number][];
export type PolygonRings = Ring[];
export type Crs = 'wgs84' | 'bng';

export interface BBox {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** One polygon ready for fast point tests: its box first, then turf's exact test. */
interface IndexedPolygon {
  bbox: BBox;
  feature: Feature<Polygon>;
}

/**
 * A study area (e.g. the union of the City's LSOAs), held both in WGS84 and in British National
 * Grid so points can be tested in whichever system they come in. Overlapping parts are not an
 * issue for point tests; `areaM2` assumes the polygons do not overlap (true of LSOAs).
 */
export interface Boundary {
  readonly polygonsBng: PolygonRings[];
  readonly polygonsWgs84: PolygonRings[];
  readonly bboxBng: BBox;
  readonly bboxWgs84: BBox;
  /** Planar area in square metres (BNG). */
  readonly areaM2: number;
  /** The coordinate system the source GeoJSON was in. */
  readonly sourceCrs: Crs;
  containsLonLat(lon: number, lat: number): boolean;
  containsBng(easting: number, northing: number): boolean;
}

export class BoundaryError extends Error {}

/** Builds a boundary from a GeoJSON FeatureCollection, Feature or geometry (Polygon / MultiPolygon). */
export function boundaryFromGeoJson(geojson: unknown): Boundary {
  const polygons = collectPolygons(geojson);
  if (polygons.length === 0)
    throw new BoundaryError('the boundary GeoJSON has no Polygon or MultiPolygon geometry');
  const crs = detectCrs(geojson, polygons);
  const polygonsBng = crs === 'bng' ? polygons : polygons.map((p) => mapRings(p, (x, y) => toBng(x, y)));
  const polygonsWgs84 =
    crs === 'wgs84' ? polygons : polygons.map((p) => mapRings(p, (x, y) => toWgs84(x, y)));
  const indexedBng = polygonsBng.map(indexPolygon);
  const indexedWgs = polygonsWgs84.map(indexPolygon);
  return {
    polygonsBng,
    polygonsWgs84,
    bboxBng: unionBox(indexedBng.map((p) => p.bbox)),
    bboxWgs84: unionBox(indexedWgs.map((p) => p.bbox)),
    areaM2: polygonsBng.reduce((sum, p) => sum + polygonArea(p), 0),
    sourceCrs: crs,
    containsLonLat: (lon, lat) => containsPoint(indexedWgs, lon, lat),
    containsBng: (e, n) => containsPoint(indexedBng, e, n),
  };
}

export async function readBoundaryFile(file: string): Promise<Boundary> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (err) {
    throw new BoundaryError(`cannot read boundary ${file}: ${(err as Error).message}`);
  }
  return boundaryFromGeoJson(parsed);
}

function containsPoint(polygons: IndexedPolygon[], x: number, y: number): boolean {
  for (const p of polygons) {
    const b = p.bbox;
    if (x < b.minX || x > b.maxX || y < b.minY || y > b.maxY) continue;
    if (booleanPointInPolygon([x, y], p.feature)) return true;
  }
  return false;
}

function indexPolygon(rings: PolygonRings): IndexedPolygon {
  return {
    bbox: ringBox(rings[0]),
    feature: { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: rings } },
  };
}

function ringBox(ring: Ring): BBox {
  const box = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  for (const [x, y] of ring) {
    if (x < box.minX) box.minX = x;
    if (y < box.minY) box.minY = y;
    if (x > box.maxX) box.maxX = x;
    if (y > box.maxY) box.maxY = y;
  }
  return box;
}

function unionBox(boxes: BBox[]): BBox {
  return {
    minX: Math.min(...boxes.map((b) => b.minX)),
    minY: Math.min(...boxes.map((b) => b.minY)),
    maxX: Math.max(...boxes.map((b) => b.maxX)),
    maxY: Math.max(...boxes.map((b) => b.maxY)),
  };
}

/** Shoelace area of the outer ring less its holes. */
export function polygonArea(rings: PolygonRings): number {
  return rings.reduce((sum, ring, i) => sum + (i === 0 ? 1 : -1) * Math.abs(ringSignedArea(ring)), 0);
}

function ringSignedArea(ring: Ring): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
    s += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  return s / 2;
}

function mapRings(rings: PolygonRings, f: (x: number, y: number) => [number, number]): PolygonRings {
  return rings.map((ring) => ring.map(([x, y]) => f(x, y)));
}

function collectPolygons(node: unknown): PolygonRings[] {
  if (!node || typeof node !== 'object') return [];
  const g = node as {
    type?: string;
    features?: unknown[];
    geometry?: unknown;
    geometries?: unknown[];
    coordinates?: unknown;
  };
  switch (g.type) {
    case 'FeatureCollection':
      return (g.features ?? []).flatMap(collectPolygons);
    case 'Feature':
      return collectPolygons(g.geometry);
    case 'GeometryCollection':
      return (g.geometries ?? []).flatMap(collectPolygons);
    case 'Polygon':
      return [toRings(g.coordinates)];
    case 'MultiPolygon':
      return (g.coordinates as unknown[]).map(toRings);
    default:
      return [];
  }
}

function toRings(coords: unknown): PolygonRings {
  if (!Array.isArray(coords)) throw new BoundaryError('a polygon in the boundary has no coordinates');
  return coords.map((ring: unknown) => {
    if (!Array.isArray(ring))
      throw new BoundaryError('a polygon ring in the boundary is not a list of positions');
    return ring.map((pos: unknown) => {
      if (!Array.isArray(pos) || typeof pos[0] !== 'number' || typeof pos[1] !== 'number') {
        throw new BoundaryError('a position in the boundary is not [x, y]');
      }
      return [pos[0], pos[1]] as [number, number];
    });
  });
}

/** The `crs` member when present (old GeoJSON), else the coordinate ranges decide. */
function detectCrs(geojson: unknown, polygons: PolygonRings[]): Crs {
  const name = (geojson as { crs?: { properties?: { name?: unknown } } }).crs?.properties?.name;
  if (typeof name === 'string') {
    if (/27700/.test(name)) return 'bng';
    if (/4326|CRS84/i.test(name)) return 'wgs84';
    throw new BoundaryError(
      `unsupported boundary crs ${name}: give WGS84 (EPSG:4326) or British National Grid (EPSG:27700)`,
    );
  }
  let lonLat = true;
  let bng = true;
  for (const rings of polygons) {
    for (const ring of rings) {
      for (const [x, y] of ring) {
        if (Math.abs(x) > 180 || Math.abs(y) > 90) lonLat = false;
        if (x < -10000 || x > 800000 || y < -10000 || y > 1300000) bng = false;
      }
    }
  }
  if (lonLat) return 'wgs84';
  if (bng) return 'bng';
  throw new BoundaryError('boundary coordinates are neither WGS84 degrees nor British National Grid metres');
}
