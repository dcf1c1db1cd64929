import fs from 'node:fs';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';

/** The partnership area: the City of London boundary shipped with the module (see data/README.md). */
export interface AreaBoundary {
  contains(lat: number, lng: number): boolean;
  /** [minLng, minLat, maxLng, maxLat] */
  bbox: [number, number, number, number];
  geojson: FeatureCollection<Polygon | MultiPolygon>;
}

export function boundaryFrom(geojson: FeatureCollection<Polygon | MultiPolygon>): AreaBoundary {
  const features = geojson.features.filter((f): f is Feature<Polygon | MultiPolygon> => !!f.geometry);
  const bbox: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (coords: unknown): void => {
    if (Array.isArray(coords) && typeof coords[0] === 'number') {
      const [lng, lat] = coords as number[];
      bbox[0] = Math.min(bbox[0], lng);
      bbox[1] = Math.min(bbox[1], lat);
      bbox[2] = Math.max(bbox[2], lng);
      bbox[3] = Math.max(bbox[3], lat);
    } else if (Array.isArray(coords)) coords.forEach(visit);
  };
  for (const f of features) visit(f.geometry.coordinates);
  return {
    bbox,
    geojson,
    contains(lat, lng) {
      if (!Number.isFinite(lat) || !Number.isFinite(lng)) return false;
      if (lng < bbox[0] || lng > bbox[2] || lat < bbox[1] || lat > bbox[3]) return false;
      return features.some((f) => booleanPointInPolygon([lng, lat], f));
    },
  };
}

let city: AreaBoundary | null = null;

/** The City of London boundary, read once from the module's data folder. */
export function cityBoundary(): AreaBoundary {
  if (!city) {
    const file = new URL('../data/city-boundary.wgs84.geojson', import.meta.url);
    city = boundaryFrom(JSON.parse(fs.readFileSync(file, 'utf8')));
  }
  return city;
}
