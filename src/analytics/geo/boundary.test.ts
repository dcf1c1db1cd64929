import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { requireDataset } from '../../../test/helpers/db.js';
import { toBng, toWgs84 } from './bng.js';
import { boundaryFromGeoJson, BoundaryError, readBoundaryFile } from './boundary.js';

/** A square in BNG metres, as GeoJSON with or without a crs member. */
function square(minX: number, minY: number, side: number, crs?: string) {
  const ring = [
    [minX, minY],
    [minX + side, minY],
    [minX + side, minY + side],
    [minX, minY + side],
    [minX, minY],
  ];
  return {
    type: 'FeatureCollection',
    ...(crs ? { crs: { type: 'name', properties: { name: crs } } } : {}),
    features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring] } }],
  };
}

describe('British National Grid projection', () => {
  it('round-trips WGS84 through BNG to within a millimetre', () => {
    for (const [lon, lat] of [
      [-0.0886, 51.5136],
      [-3.19, 55.95],
      [1.3, 52.6],
    ]) {
      const [e, n] = toBng(lon, lat);
      const [lon2, lat2] = toWgs84(e, n);
      assert.ok(
        Math.abs(lon2 - lon) < 1e-7 && Math.abs(lat2 - lat) < 1e-7,
        `${lon},${lat} -> ${lon2},${lat2}`,
      );
    }
  });

  it('agrees with the published BNG boundary of the City to within a metre at every vertex', () => {
    const wgs = JSON.parse(
      fs.readFileSync(requireDataset('geo/city-of-london-lsoa-2011.wgs84.geojson'), 'utf8'),
    );
    const bng = JSON.parse(
      fs.readFileSync(requireDataset('geo/city-of-london-lsoa-2011.bng.geojson'), 'utf8'),
    );
    const first = (g: any) => (g.type === 'Polygon' ? g.coordinates[0] : g.coordinates[0][0]);
    let worst = 0;
    wgs.features.forEach((f: any, i: number) => {
      const a = first(f.geometry);
      const b = first(bng.features[i].geometry);
      a.forEach(([lon, lat]: number[], k: number) => {
        const [e, n] = toBng(lon, lat);
        worst = Math.max(worst, Math.hypot(e - b[k][0], n - b[k][1]));
      });
    });
    assert.ok(worst < 1, `worst vertex difference ${worst} m`);
  });
});

describe('boundary', () => {
  it('reads the City from either coordinate system with the same area and the same answers', async () => {
    const wgs = await readBoundaryFile(requireDataset('geo/city-of-london-lsoa-2011.wgs84.geojson'));
    const bng = await readBoundaryFile(requireDataset('geo/city-of-london-lsoa-2011.bng.geojson'));
    assert.equal(wgs.sourceCrs, 'wgs84');
    assert.equal(bng.sourceCrs, 'bng');
    assert.ok(Math.abs(wgs.areaM2 / 1e6 - 2.905) < 0.005, `area ${wgs.areaM2}`);
    assert.ok(Math.abs(bng.areaM2 - wgs.areaM2) < 100);
    const bank = [-0.0886, 51.5133] as const; // Bank junction, in the City
    const coventGarden = [-0.1227, 51.5117] as const; // Covent Garden, west of the City
    for (const b of [wgs, bng]) {
      assert.equal(b.containsLonLat(...bank), true);
      assert.equal(b.containsLonLat(...coventGarden), false);
      assert.equal(b.containsBng(...toBng(...bank)), true);
      assert.equal(b.containsBng(...toBng(...coventGarden)), false);
    }
  });

  it('detects BNG from a crs member or from metre-sized coordinates, and WGS84 from degrees', () => {
    assert.equal(
      boundaryFromGeoJson(square(530000, 180000, 1000, 'urn:ogc:def:crs:EPSG::27700')).sourceCrs,
      'bng',
    );
    assert.equal(boundaryFromGeoJson(square(530000, 180000, 1000)).sourceCrs, 'bng');
    assert.equal(boundaryFromGeoJson(square(-0.1, 51.5, 0.01)).sourceCrs, 'wgs84');
    const b = boundaryFromGeoJson(square(530000, 180000, 1000));
    assert.ok(Math.abs(b.areaM2 - 1e6) < 1e-6);
  });

  it('refuses what is not a usable boundary', () => {
    assert.throws(() => boundaryFromGeoJson({ type: 'FeatureCollection', features: [] }), BoundaryError);
    assert.throws(
      () => boundaryFromGeoJson(square(530000, 180000, 1000, 'EPSG:3857')),
      /unsupported boundary crs/,
    );
    assert.throws(() => boundaryFromGeoJson(square(5e6, 5e6, 1000)), /neither WGS84/);
  });
});
