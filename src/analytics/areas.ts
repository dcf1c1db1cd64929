import fs from 'node:fs';
import type { FeatureCollection, Geometry } from 'geojson';
import { boundaryFromGeoJson, BoundaryError, type Boundary } from './geo/boundary.js';

/** One small area (an LSOA) of the partnership. */
export interface Area {
  code: string;
  name: string;
  boundary: Boundary;
  /** WGS84 geometry, for maps. */
  geometry: Geometry;
}

/** The partnership's boundary (the union of its areas) and the areas themselves. */
export interface PartnershipAreas {
  boundary: Boundary;
  areas: Area[];
  /** WGS84 FeatureCollection of the areas (properties: code, name), for maps. */
  geojson: FeatureCollection;
  /** Whether these are the bundled City of London LSOAs rather than areas loaded for the partnership. */
  bundled: boolean;
  /** The area holding a point, or null. */
  areaAt(lon: number, lat: number): Area | null;
}

const CODE_KEYS = ['LSOA21CD', 'LSOA11CD', 'lsoa21cd', 'lsoa11cd', 'code', 'CODE', 'id'];
const NAME_KEYS = ['LSOA21NM', 'LSOA11NM', 'lsoa21nm', 'lsoa11nm', 'name', 'NAME'];

/** Areas from a GeoJSON FeatureCollection: each feature with a polygon is an area, named from its properties. */
export function areasFromGeoJson(geojson: unknown, bundled = false): PartnershipAreas {
  const fc = geojson as FeatureCollection;
  if (!fc || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    throw new BoundaryError('the areas file must be a GeoJSON FeatureCollection with one feature per area');
  }
  const areas: Area[] = [];
  fc.features.forEach((f, i) => {
    if (!f.geometry || (f.geometry.type !== 'Polygon' && f.geometry.type !== 'MultiPolygon')) return;
    const props = (f.properties ?? {}) as Record<string, unknown>;
    const code = String(
      CODE_KEYS.map((k) => props[k]).find((v) => v !== undefined && v !== '') ?? `area-${i + 1}`,
    );
    const name = String(NAME_KEYS.map((k) => props[k]).find((v) => v !== undefined && v !== '') ?? code);
    const boundary = boundaryFromGeoJson(f);
    // Store and draw in WGS84 whatever the file's system.
    const rings = boundary.polygonsWgs84;
    const geometry: Geometry =
      rings.length === 1
        ? { type: 'Polygon', coordinates: rings[0] }
        : { type: 'MultiPolygon', coordinates: rings };
    areas.push({ code, name, boundary, geometry });
  });
  if (areas.length === 0) throw new BoundaryError('the areas file has no Polygon or MultiPolygon features');
  const codes = new Set<string>();
  for (const a of areas) {
    if (codes.has(a.code)) throw new BoundaryError(`two areas share the code ${a.code}`);
    codes.add(a.code);
  }
  const out: FeatureCollection = {
    type: 'FeatureCollection',
    features: areas.map((a) => ({
      type: 'Feature',
      properties: { code: a.code, name: a.name },
      geometry: a.geometry,
    })),
  };
  const boundary = boundaryFromGeoJson(out);
  return {
    boundary,
    areas,
    geojson: out,
    bundled,
    areaAt(lon, lat) {
      if (!boundary.containsLonLat(lon, lat)) return null;
      return areas.find((a) => a.boundary.containsLonLat(lon, lat)) ?? null;
    },
  };
}

let city: PartnershipAreas | null = null;

/** The City of London's 2011 LSOAs shipped with the module (see data/README.md). */
export function bundledCityAreas(): PartnershipAreas {
  if (!city) {
    const file = new URL('./data/city-of-london-lsoa-2011.wgs84.geojson', import.meta.url);
    city = areasFromGeoJson(JSON.parse(fs.readFileSync(file, 'utf8')), true);
  }
  return city;
}
