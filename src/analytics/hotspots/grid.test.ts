import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { requireDataset } from '../../../test/helpers/db.js';
import { toWgs84 } from '../geo/bng.js';
import { boundaryFromGeoJson, readBoundaryFile } from '../geo/boundary.js';
import { mulberry32 } from '../nearrepeat/random.js';
import { cellIndexAt, countInCells, gridCells, segmentCrossesBox, squareGrid } from './grid.js';
import { countInHexagons, hexCells } from './hexagons.js';
import { kernelDensity, kernelDensityAt } from './kde.js';

/** A BNG triangle: right angle at (530000, 180000), legs of 1000 m. */
const triangle = boundaryFromGeoJson({
  type: 'Polygon',
  coordinates: [
    [
      [530000, 180000],
      [531000, 180000],
      [530000, 181000],
      [530000, 180000],
    ],
  ],
});

describe('square grid', () => {
  it('keeps the cells sharing any part with the boundary, aligned to the national grid', () => {
    const grid = squareGrid({ size: 100, boundary: triangle });
    // Row r (0-9) of the 10x10 block holds the cells left of the hypotenuse x + y = 1000: 10 - r.
    assert.equal(grid.cells.length, 55);
    assert.equal(grid.areaM2, 55 * 100 * 100);
    assert.equal(grid.originX % 100, 0);
    for (const c of grid.cells) assert.ok(c.col + c.row <= 9, `cell ${c.col},${c.row}`);
    assert.ok(grid.cells.every((c) => c.x === grid.originX + (c.col + 0.5) * 100));
  });

  it('finds each point in its cell and counts points', () => {
    const grid = squareGrid({ size: 100, boundary: triangle });
    const k = cellIndexAt(grid, 530050, 180050);
    assert.deepEqual([grid.cells[k].col, grid.cells[k].row], [0, 0]);
    assert.equal(
      cellIndexAt(grid, 530950, 180950),
      -1,
      'a cell wholly outside the triangle is no study cell',
    );
    assert.equal(cellIndexAt(grid, 529000, 180050), -1);
    const counts = countInCells(grid, [
      { x: 530050, y: 180050 },
      { x: 530060, y: 180010 },
      { x: 530150, y: 180050 },
    ]);
    assert.equal(counts[k], 2);
    assert.equal(
      counts.reduce((a, b) => a + b, 0),
      3,
    );
  });

  it('covers every point clipped to the real City boundary', async () => {
    const city = await readBoundaryFile(requireDataset('geo/city-of-london-lsoa-2011.bng.geojson'));
    const rng = mulberry32(3);
    const points = [];
    while (points.length < 2000) {
      const p = {
        x: city.bboxBng.minX + rng() * (city.bboxBng.maxX - city.bboxBng.minX),
        y: city.bboxBng.minY + rng() * (city.bboxBng.maxY - city.bboxBng.minY),
      };
      if (city.containsBng(p.x, p.y)) points.push(p);
    }
    for (const size of [50, 100, 250]) {
      const { grid, counts } = gridCells(points, size, city);
      assert.equal(
        counts.reduce((a, b) => a + b, 0),
        points.length,
        `every point lies in a study cell at ${size} m`,
      );
      assert.ok(grid.areaM2 >= city.areaM2, 'the cells cover the boundary');
      assert.ok(grid.areaM2 < city.areaM2 * (size === 250 ? 2.5 : 1.7));
    }
  });

  it('tests a segment against a box, ignoring mere touching', () => {
    assert.equal(segmentCrossesBox(-1, 0.5, 2, 0.5, 0, 0, 1, 1), true);
    assert.equal(segmentCrossesBox(0.2, 0.2, 0.4, 0.4, 0, 0, 1, 1), true, 'wholly inside');
    assert.equal(segmentCrossesBox(2, 2, 3, 3, 0, 0, 1, 1), false);
    assert.equal(segmentCrossesBox(-1, 1, 2, 1, 0, 0, 1, 1), false, 'along the top edge');
    assert.equal(segmentCrossesBox(-1, 1, 1, 3, 0, 0, 1, 1), false, 'touching a corner');
  });
});

describe('kernel density', () => {
  it('integrates to the number of points (quartic kernel) away from the edges', () => {
    const grid = squareGrid({ size: 10, extent: { minX: 0, minY: 0, maxX: 2000, maxY: 2000 } });
    const points = [
      { x: 1000, y: 1000 },
      { x: 1100, y: 900 },
      { x: 700, y: 1300 },
    ];
    const density = kernelDensity(grid, points, { bandwidth: 200 });
    const total = density.reduce((a, d) => a + d * 100, 0);
    assert.ok(Math.abs(total - 3) < 0.01, `integral ${total}`);
    const at = (x: number, y: number) => density[cellIndexAt(grid, x, y)];
    assert.ok(at(1005, 1005) > at(1205, 1005), 'densest near the points');
    assert.equal(at(1905, 1905), 0, 'nothing beyond the bandwidth');
    const weighted = kernelDensity(grid, points, { bandwidth: 200, weights: [2, 0, 0] });
    assert.ok(Math.abs(weighted.reduce((a, d) => a + d * 100, 0) - 2) < 0.01);
  });
});

describe('H3 hexagons', () => {
  it('covers the boundary and counts each point in a covering hexagon', () => {
    const cells = hexCells(triangle, 9);
    assert.ok(cells.length > 3);
    const ids = new Set(cells.map((c) => c.h3));
    const rng = mulberry32(5);
    const points = Array.from({ length: 200 }, () => {
      const x = rng() * 500;
      const y = rng() * (500 - x);
      const [lon, lat] = toWgs84(530000 + x, 180000 + y);
      return { lon, lat };
    });
    const counts = countInHexagons(points, 9);
    assert.equal(
      [...counts.values()].reduce((a, b) => a + b, 0),
      200,
    );
    for (const h of counts.keys()) assert.ok(ids.has(h), `${h} is one of the covering hexagons`);
  });
});

describe('kernel density at any centres', () => {
  it("matches the grid kernel density at the grid cells' centres", () => {
    const grid = squareGrid({ size: 50, extent: { minX: 0, minY: 0, maxX: 1000, maxY: 1000 } });
    const rng = mulberry32(3);
    const points = Array.from({ length: 200 }, () => ({ x: rng() * 1000, y: rng() * 1000 }));
    const onGrid = kernelDensity(grid, points, { bandwidth: 180 });
    const atCentres = kernelDensityAt(grid.cells, points, { bandwidth: 180 });
    assert.equal(atCentres.length, onGrid.length);
    for (let i = 0; i < onGrid.length; i++)
      assert.ok(Math.abs(onGrid[i] - atCentres[i]) < 1e-15, `cell ${i}`);
    assert.ok(onGrid.some((v) => v > 0));
  });
});
