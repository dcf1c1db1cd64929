import proj4 from 'proj4';

/** EPSG:27700 (OSGB36 / British National Grid) with the standard 7-parameter datum shift to WGS84. */
export const BNG_PROJ4 =
  '+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 +ellps=airy ' +
  '+towgs84=446.448,-125.157,542.06,0.15,0.247,0.842,-20.489 +units=m +no_defs';

const converter = proj4('EPSG:4326', BNG_PROJ4);

/** WGS84 longitude/latitude (degrees) to British National Grid easting/northing (metres). */
export function toBng(lon: number, lat: number): [number, number] {
  const [x, y] = converter.forward([lon, lat]);
  return [x, y];
}

/** British National Grid easting/northing (metres) to WGS84 longitude/latitude (degrees). */
export function toWgs84(easting: number, northing: number): [number, number] {
  const [lon, lat] = converter.inverse([easting, northing]);
  return [lon, lat];
}

/** Rough WGS84 box around the United Kingdom (Great Britain, Northern Ireland, islands). */
export const UK_BOUNDS = { minLon: -8.75, maxLon: 1.8, minLat: 49.8, maxLat: 60.9 } as const;

export function isInUk(lon: number, lat: number): boolean {
  return (
    lon >= UK_BOUNDS.minLon && lon <= UK_BOUNDS.maxLon && lat >= UK_BOUNDS.minLat && lat <= UK_BOUNDS.maxLat
  );
}
