import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { requireDataset } from '../../../test/helpers/db.js';
import { readBoundaryFile } from '../geo/boundary.js';
import { squareGrid } from '../hotspots/grid.js';
import { mulberry32 } from '../nearrepeat/random.js';
import { parsePoliceUkFolder } from '../policeuk/folder.js';
import { evaluatePredictions, monthRange, scoreMonth, topCells, type MonthlyPoint } from './evaluate.js';
import { evaluateCrimePredictions } from './from-crimes.js';
import { DEFAULT_METHOD, PREDICTION_METHODS } from './methods.js';

describe('prediction scoring', () => {
  it('computes hit rate, PAI and PEI for a month', () => {
    // 10 cells; flagged 0 and 1 hold 3 of the month's 7 crimes; the best two cells hold 5.
    const actual = Float64Array.from([2, 1, 0, 0, 3, 0, 0, 0, 0, 1]);
    const s = scoreMonth('2024-01', actual, [0, 1], 10);
    assert.equal(s.crimes, 7);
    assert.equal(s.hits, 3);
    assert.equal(s.hitRate, 3 / 7);
    assert.equal(s.pai, 3 / 7 / (2 / 10));
    assert.equal(s.pei, 3 / 5);
    const empty = scoreMonth('2024-02', new Float64Array(10), [0], 10);
    assert.deepEqual([empty.hitRate, empty.pai, empty.pei], [null, null, null]);
  });

  it('breaks ties toward the lower cell index', () => {
    assert.deepEqual(topCells([1, 5, 5, 0, 5], 2), [1, 2]);
  });

  it('lists every calendar month between the first and the last', () => {
    assert.deepEqual(monthRange(['2024-02', '2023-11']), ['2023-11', '2023-12', '2024-01', '2024-02']);
  });

  it('scores each month after training on the previous months only', () => {
    const grid = squareGrid({ size: 100, extent: { minX: 0, minY: 0, maxX: 999, maxY: 999 } });
    const rng = mulberry32(2);
    const points: MonthlyPoint[] = [];
    const months = ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05'];
    months.forEach((month, t) => {
      // A stable hot spot in cell (2,3), a month-specific one elsewhere, and noise.
      for (let i = 0; i < 10; i++) points.push({ month, x: 250, y: 350 });
      for (let i = 0; i < 5; i++) points.push({ month, x: 50 + t * 100, y: 850 });
      for (let i = 0; i < 10; i++) points.push({ month, x: rng() * 1000, y: rng() * 1000 });
    });
    const r = evaluatePredictions(points, { grid, coverage: 0.01, train: 2, method: 'prior-counts' });
    assert.deepEqual(
      r.months.map((m) => m.month),
      months.slice(2),
    );
    assert.equal(r.flaggedCells, 1);
    for (const m of r.months) {
      assert.ok(m.hits >= 10, 'the stable hot spot is flagged');
      assert.ok(m.pai! > 30);
    }
    assert.ok(Math.abs(r.meanPai! - r.months.reduce((a, m) => a + m.pai!, 0) / 3) < 1e-12);
    // A method that peeks at nothing it should: the scored month never reaches it.
    const seen: number[] = [];
    evaluatePredictions(points, {
      grid,
      coverage: 0.01,
      train: 2,
      method: {
        name: 'spy',
        score: (input) => {
          seen.push(input.history.length, input.counts.length);
          return new Float64Array(grid.cells.length);
        },
      },
    });
    assert.deepEqual(seen, [2, 2, 3, 2, 4, 2]);
  });

  it('the default method reads only the training months', () => {
    const grid = squareGrid({ size: 100, extent: { minX: 0, minY: 0, maxX: 999, maxY: 999 } });
    const rng = mulberry32(7);
    const month = () => Float64Array.from(grid.cells, () => Math.floor(rng() * 4));
    const counts = [month(), month(), month()];
    const context = counts.map((m) => m.map((v) => v + Math.floor(rng() * 3)));
    const earlier = [month(), month()];
    const a = PREDICTION_METHODS[DEFAULT_METHOD]({
      grid,
      counts,
      context,
      history: counts,
      contextHistory: context,
    });
    const b = PREDICTION_METHODS[DEFAULT_METHOD]({
      grid,
      counts,
      context,
      history: [...earlier, ...counts],
      contextHistory: [...earlier, ...context],
    });
    assert.deepEqual(a, b);
    // Without context it is prior counts.
    assert.deepEqual(
      PREDICTION_METHODS[DEFAULT_METHOD]({ grid, counts, history: counts }),
      PREDICTION_METHODS['prior-counts']({ grid, counts, history: counts }),
    );
  });

  it('beats prior counts with the default method on the City data, and is not worse in general', async () => {
    const boundary = await readBoundaryFile(requireDataset('geo/city-of-london-lsoa-2011.wgs84.geojson'));
    const { imported } = await parsePoliceUkFolder(requireDataset('policeuk/city-of-london'), { boundary });
    const target = { boundary, crimeType: 'Theft from the person', cellSize: 100, coverage: 0.05, train: 3 };
    const prior = evaluateCrimePredictions(imported, { ...target, method: 'prior-counts' });
    const best = evaluateCrimePredictions(imported, target);
    assert.equal(best.method, 'shrunk-counts');
    assert.equal(prior.months.length, 10);
    assert.ok(
      best.meanPai! > prior.meanPai!,
      `shrunk-counts ${best.meanPai} vs prior-counts ${prior.meanPai}`,
    );
    assert.ok(best.meanHitRate! > prior.meanHitRate!);
    // Across other crime types and cell sizes, the geometric mean PAI ratio stays above 1.
    let logRatio = 0;
    let runs = 0;
    for (const crimeType of [
      'Other theft',
      'Violence and sexual offences',
      'Shoplifting',
      'Anti-social behaviour',
      'Drugs',
    ]) {
      for (const cellSize of [50, 200]) {
        const o = { ...target, crimeType, cellSize };
        logRatio += Math.log(
          evaluateCrimePredictions(imported, o).meanPai! /
            evaluateCrimePredictions(imported, { ...o, method: 'prior-counts' }).meanPai!,
        );
        runs++;
      }
    }
    assert.ok(Math.exp(logRatio / runs) > 1, `geometric mean ratio ${Math.exp(logRatio / runs)}`);
  });
});
