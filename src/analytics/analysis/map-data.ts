import type { PartnershipAreas } from '../areas.js';
import type { AnalysisRecord } from '../sources/record.js';
import type { AnalyticsAssetsTable } from '../tables.js';
import type { HotspotModel } from './hotspot-model.js';

const round = (v: number, d = 6) => Math.round(v * 10 ** d) / 10 ** d;

/** What the hot spot map draws: the areas, the cells with their figures, the points and the assets. */
export function hotspotMapData(
  areas: PartnershipAreas,
  model: HotspotModel,
  records: readonly AnalysisRecord[],
  cameras: readonly AnalyticsAssetsTable[],
  lights: readonly AnalyticsAssetsTable[],
  coarse = false,
) {
  return {
    areas: areas.geojson,
    cells: {
      type: 'FeatureCollection',
      features: model.cells
        .filter((c) => c.count > 0 || c.cls !== 'not-significant')
        .map((c) => ({
          type: 'Feature',
          properties: {
            id: c.id,
            count: c.count,
            density: round(c.density, 1),
            z: round(c.z, 2),
            cls: c.cls,
            trend: c.trend,
            gap: c.gap,
          },
          geometry: { type: 'Polygon', coordinates: [c.ring.map(([lon, lat]) => [round(lon), round(lat)])] },
        })),
    },
    // [lat, lon] pairs, for the clustered points layer. Reports made to ASB Hub may be at someone's
    // home, so their points are shown to about 100 m only.
    points: records.map((r) =>
      coarse ? [round(r.lat, 3), round(r.lon, 3)] : [round(r.lat, 5), round(r.lon, 5)],
    ),
    cctv: cameras.map((a) => [round(a.lat), round(a.lon), a.asset_ref, a.label ?? '']),
    streetlights: lights.map((a) => [round(a.lat), round(a.lon), a.asset_ref, a.label ?? '']),
    gapDistance: model.options.gapDistance,
  };
}
