import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { requireDataset } from '../../../test/helpers/db.js';
import { parseEventsCsv } from './events.js';
import { distanceRow, knoxTest, timeColumn, type KnoxOptions } from './knox.js';
import { mulberry32 } from './random.js';

function chicago(file: string) {
  return parseEventsCsv(fs.readFileSync(path.join(requireDataset('nearrepeat'), file), 'utf8'));
}

/** The observed table of the calculator's verbose output ("Observed frequencies distribution"). */
function calculatorObserved(file: string): number[][] {
  const lines = fs.readFileSync(path.join(requireDataset('nearrepeat'), file), 'utf8').split(/\r?\n/);
  const start = lines.findIndex((l) => l.startsWith('Observed frequencies distribution')) + 3;
  return lines.slice(start, start + 5).map((l) =>
    l
      .split(',')
      .slice(2, 6)
      .map((v) => Number(v || 0)),
  );
}

describe('Knox test against the Near Repeat Calculator', () => {
  it('reproduces the burglary observed table exactly (Manhattan, 3 x 100 m, 3 x 7 days)', () => {
    const e = chicago('chicago_be_month1.csv');
    const r = knoxTest(e.xs, e.ys, e.days, {
      distanceBand: 100,
      distanceBands: 3,
      timeBand: 7,
      timeBands: 3,
      metric: 'manhattan',
      iterations: 19,
      nrcBands: true,
    });
    const expected = [
      [28, 5, 5, 2],
      [44, 13, 8, 4],
      [97, 56, 19, 16],
      [77, 67, 45, 20],
      [182194, 146149, 95237, 45879],
    ];
    assert.deepEqual(r.observed, expected);
    assert.deepEqual(r.observed, calculatorObserved('chicago_be_month1_NRverbose_2019-09-23_143005.csv'));
    assert.deepEqual(r.rowLabels, ['Same location', '1 to 100', '101 to 200', '201 to 300', 'More than 300']);
    assert.deepEqual(r.columnLabels, ['0 to 7', '8 to 14', '15 to 21', 'More than 21']);
    // The calculator found the 0-7 day, same-location and 1-100 m cells significant at its best level.
    assert.equal(r.pValue[0][0], 0.05);
    assert.equal(r.pValue[1][0], 0.05);
    assert.ok(r.ratio[0][0] > 1.3 && r.ratio[1][0] > 1.3);
  });

  it('reproduces the arson observed table (Manhattan, 3 x 200 m, 3 x 1 day) within one pair per cell', () => {
    const e = chicago('chicago_arson.csv');
    const r = knoxTest(e.xs, e.ys, e.days, {
      distanceBand: 200,
      distanceBands: 3,
      timeBand: 1,
      timeBands: 3,
      metric: 'manhattan',
      iterations: 99,
      nrcBands: true,
    });
    const expected = [
      [0, 2, 0, 8],
      [9, 1, 1, 45],
      [4, 0, 0, 140],
      [6, 0, 0, 234],
      [393, 710, 770, 133658],
    ];
    assert.deepEqual(expected, calculatorObserved('chicago_arson_NRverbose_2019-09-23_145637.csv'));
    r.observed.forEach((row, i) =>
      row.forEach((v, j) =>
        assert.ok(Math.abs(v - expected[i][j]) <= 1, `cell ${i},${j}: ${v} vs ${expected[i][j]}`),
      ),
    );
  });
});

describe('Knox test', () => {
  const rng = mulberry32(11);
  const n = 400;
  const xs = Array.from({ length: n }, () => Math.round(rng() * 3000));
  const ys = Array.from({ length: n }, () => Math.round(rng() * 3000));
  const days = Array.from({ length: n }, () => Math.floor(rng() * 120));
  const options: KnoxOptions = {
    distanceBand: 150,
    distanceBands: 4,
    timeBand: 5,
    timeBands: 3,
    metric: 'euclidean',
    iterations: 30,
    seed: 9,
  };

  for (const nrcBands of [false, true]) {
    it(`counts every pair in its cell as a direct double loop does (nrcBands ${nrcBands})`, () => {
      const o = { ...options, nrcBands };
      const r = knoxTest(xs, ys, days, o);
      const direct = r.observed.map((row) => row.map(() => 0));
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          const dx = nrcBands ? Math.fround(xs[i]) - Math.fround(xs[j]) : xs[i] - xs[j];
          const dy = nrcBands ? Math.fround(ys[i]) - Math.fround(ys[j]) : ys[i] - ys[j];
          direct[distanceRow(Math.hypot(dx, dy), o)][timeColumn(Math.abs(days[i] - days[j]), o)]++;
        }
      }
      assert.deepEqual(r.observed, direct);
      // Every permutation keeps the pairs per time column; so do the expectations.
      for (let c = 0; c < r.columnLabels.length; c++) {
        const obs = r.observed.reduce((a, row) => a + row[c], 0);
        const exp = r.expected.reduce((a, row) => a + row[c], 0);
        assert.ok(Math.abs(obs - exp) < 1e-6);
      }
    });
  }

  it('computes ratios and p-values from the permutations, repeatably for a seed', () => {
    const a = knoxTest(xs, ys, days, options);
    const b = knoxTest(xs, ys, days, options);
    assert.deepEqual(a, b);
    const c = knoxTest(xs, ys, days, { ...options, seed: 10 });
    assert.notDeepEqual(a.expected, c.expected);
    for (let i = 0; i < a.observed.length; i++) {
      for (let j = 0; j < a.observed[i].length; j++) {
        const p = a.pValue[i][j];
        assert.ok(p >= 1 / 31 && p <= 1);
        assert.ok(Number.isInteger(Math.round(p * 31 * 1e9) / 1e9), 'p = (1 + k) / (1 + K)');
        if (a.expected[i][j] > 0)
          assert.ok(Math.abs(a.ratio[i][j] - a.observed[i][j] / a.expected[i][j]) < 1e-12);
      }
    }
  });

  it('finds a planted near-repeat pattern and none in random data', () => {
    const r0 = knoxTest(xs, ys, days, { ...options, iterations: 99 });
    const px = [...xs];
    const py = [...ys];
    const pd = [...days];
    for (let k = 0; k < 60; k++) {
      // Each planted event follows an earlier one within 100 m and 3 days.
      px.push(xs[k] + 60);
      py.push(ys[k] + 30);
      pd.push(days[k] + 2);
    }
    const r1 = knoxTest(px, py, pd, { ...options, iterations: 99 });
    assert.ok(r1.pValue[1][0] <= 0.01, `planted pattern p ${r1.pValue[1][0]}`);
    assert.ok(r1.ratio[1][0] > 1.3, `ratio ${r1.ratio[1][0]}`);
    assert.ok(r0.pValue[1][0] > 0.01);
  });

  it('labels and bands as documented', () => {
    const o = { distanceBand: 100, distanceBands: 3, timeBand: 7, timeBands: 3 };
    assert.deepEqual(
      [0, 0.5, 99.9, 100, 100.1, 300, 301].map((d) => distanceRow(d, o)),
      [0, 1, 1, 1, 2, 3, 4],
    );
    assert.deepEqual(
      [0, 0.5, 99.9, 100, 100.1, 300, 301].map((d) => distanceRow(d, { ...o, nrcBands: true })),
      [0, 1, 1, 2, 2, 4, 4],
    );
    assert.deepEqual(
      [0, 7, 8, 14, 21, 22].map((t) => timeColumn(t, o)),
      [0, 0, 1, 1, 2, 3],
    );
    assert.deepEqual(
      [0, 6, 7, 13, 14, 20, 21].map((t) => timeColumn(t, { ...o, nrcBands: true })),
      [0, 0, 1, 1, 2, 2, 3],
    );
    assert.throws(() => knoxTest([0], [0], [0], { ...options, timeBands: 0 }), /time bands/);
  });
});

describe('near-repeat events CSV', () => {
  it('reads x, y, date with or without a header, in ISO or slashed dates', () => {
    const plain = parseEventsCsv('1,2,2024-03-01\n3,4,2024-03-05\n');
    assert.deepEqual(
      Array.from(plain.days, (d) => d - plain.days[0]),
      [0, 4],
    );
    const headed = parseEventsCsv('date,X,Y\n01/03/2024,1,2\n05/03/2024,3,4\n');
    assert.deepEqual(Array.from(headed.xs), [1, 3]);
    assert.deepEqual(Array.from(headed.days), Array.from(plain.days));
    const us = parseEventsCsv('x,y,date\n1,2,03/01/2024\n', { monthFirst: true });
    assert.equal(us.days[0], plain.days[0]);
    assert.throws(() => parseEventsCsv('1,2,2024-02-30\n'), /line 1: date "2024-02-30"/);
    assert.throws(() => parseEventsCsv('a,b,c\n1,2,2024-01-01\n'), /must name columns x, y and date/);
  });
});
