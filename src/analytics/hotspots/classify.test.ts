import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  classifyAcrossPeriods,
  classifyCellsAcrossPeriods,
  classifyHotCold,
  isSignificant,
} from './classify.js';
import { twoSidedP } from './stats.js';
import { squareGrid } from './grid.js';
import { cellHotspots, cellHotspotTrends } from './analyse.js';

describe('hot and cold spot classes', () => {
  it('classifies by sign and the strictest confidence reached', () => {
    const z = [3, 2.2, 1.7, 1.5, -1.7, -2.0, -2.7, 0];
    const classes = classifyHotCold(z, z.map(twoSidedP));
    assert.deepEqual(classes, [
      'hot-99',
      'hot-95',
      'hot-90',
      'not-significant',
      'cold-90',
      'cold-95',
      'cold-99',
      'not-significant',
    ]);
    assert.equal(isSignificant('hot-99', 'hot', 95), true);
    assert.equal(isSignificant('hot-90', 'hot', 95), false);
    assert.equal(isSignificant('cold-95', 'hot', 90), false);
  });

  it('classifies across periods', () => {
    const T = true;
    const F = false;
    assert.equal(classifyAcrossPeriods([T, T, T, T, T, T, T, T, T, T]), 'persistent');
    assert.equal(
      classifyAcrossPeriods([F, T, T, T, T, T, T, T, T, T]),
      'persistent',
      '9 of 10 including the latest',
    );
    assert.equal(classifyAcrossPeriods([F, F, F, F, F, F, F, F, T, T]), 'emerging');
    assert.equal(classifyAcrossPeriods([F, F, F, T]), 'emerging', 'new');
    assert.equal(classifyAcrossPeriods([T, T, T, T, T, F]), 'former');
    assert.equal(classifyAcrossPeriods([T, F, T, F, T, T]), 'intermittent', 'hot now, on and off before');
    assert.equal(classifyAcrossPeriods([F, T, F, F, F, F]), 'intermittent', 'once, a while ago');
    assert.equal(classifyAcrossPeriods([F, F, F]), 'never');
    assert.equal(classifyAcrossPeriods([T]), 'emerging');
    assert.deepEqual(
      classifyCellsAcrossPeriods([
        [T, F],
        [T, F],
        [T, T],
      ]),
      ['persistent', 'emerging'],
    );
  });
});

describe('cell hot spots', () => {
  it('finds a planted cluster as hot and follows it across periods', () => {
    const grid = squareGrid({ size: 100, extent: { minX: 0, minY: 0, maxX: 1999, maxY: 1999 } });
    const background = (i: number) => (i * 7919) % 3; // 0-2, deterministic
    const withCluster = (cx: number, cy: number) =>
      grid.cells.map((c, i) => (Math.hypot(c.x - cx, c.y - cy) < 250 ? 12 : background(i)));
    const a = withCluster(550, 550);
    const b = withCluster(1450, 1450);
    const r = cellHotspots(grid, a, { distanceBand: 150 });
    const centre = grid.cells.findIndex((c) => c.x === 550 && c.y === 550);
    assert.equal(r.classes[centre], 'hot-99');
    assert.ok(r.classes.filter((c) => c.startsWith('hot')).length < 40);
    const trends = cellHotspotTrends(grid, [a, a, a, b], { distanceBand: 150 });
    const other = grid.cells.findIndex((c) => c.x === 1450 && c.y === 1450);
    assert.equal(trends[centre], 'former');
    assert.equal(trends[other], 'emerging');
    const steady = cellHotspotTrends(grid, [a, a, a, a], { distanceBand: 150 });
    assert.equal(steady[centre], 'persistent');
  });
});
