import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mulberry32 } from '../nearrepeat/random.js';
import { giStar } from './gistar.js';
import { benjaminiHochberg, normalCdf, twoSidedP } from './stats.js';

describe('Getis-Ord Gi*', () => {
  it('matches PySAL esda G_Local(star=True, binary) on the reference example to 4 decimals', () => {
    const xs = [10, 20, 40, 15, 30, 30];
    const ys = [10, 10, 10, 20, 20, 30];
    const values = [2, 3, 3.2, 5, 8, 7];
    const { z, neighbours } = giStar(xs, ys, values, { distanceBand: 15 });
    const expected = [-1.3973, -0.2892, 0.6506, -0.2892, 1.2345, 2.0242];
    assert.deepEqual(
      Array.from(z, (v) => Number(v.toFixed(4))),
      expected,
    );
    assert.deepEqual(Array.from(neighbours), [3, 4, 2, 4, 5, 2]);
  });

  it('agrees with a direct O(n²) computation of the formula on random data', () => {
    const rng = mulberry32(7);
    const n = 300;
    const xs = Array.from({ length: n }, () => rng() * 1000);
    const ys = Array.from({ length: n }, () => rng() * 1000);
    const v = Array.from({ length: n }, () => Math.floor(rng() * 10));
    const band = 120;
    const mean = v.reduce((a, b) => a + b, 0) / n;
    const s = Math.sqrt(v.reduce((a, b) => a + b * b, 0) / n - mean * mean);
    const { z } = giStar(xs, ys, v, { distanceBand: band });
    for (let i = 0; i < n; i++) {
      let w = 0;
      let local = 0;
      for (let j = 0; j < n; j++) {
        if (Math.hypot(xs[i] - xs[j], ys[i] - ys[j]) <= band) {
          w++;
          local += v[j];
        }
      }
      const direct = (local - mean * w) / (s * Math.sqrt((n * w - w * w) / (n - 1)));
      assert.ok(Math.abs(z[i] - direct) < 1e-9, `point ${i}: ${z[i]} vs ${direct}`);
    }
  });

  it('gives 0 when nothing can be said: constant values or a band holding every point', () => {
    assert.deepEqual(Array.from(giStar([0, 1, 2], [0, 0, 0], [4, 4, 4], { distanceBand: 1 }).z), [0, 0, 0]);
    assert.deepEqual(Array.from(giStar([0, 1, 2], [0, 0, 0], [1, 2, 3], { distanceBand: 10 }).z), [0, 0, 0]);
    assert.equal(giStar([], [], [], { distanceBand: 1 }).z.length, 0);
  });
});

describe('normal and false-discovery-rate helpers', () => {
  it('computes normal tail probabilities', () => {
    assert.ok(Math.abs(normalCdf(1.959964) - 0.975) < 1e-6);
    assert.ok(Math.abs(normalCdf(0) - 0.5) < 1e-7);
    assert.ok(Math.abs(twoSidedP(2.575829) - 0.01) < 1e-6);
    assert.ok(Math.abs(twoSidedP(-1.644854) - 0.1) < 1e-6);
  });

  it('adjusts p-values with Benjamini–Hochberg as R p.adjust(method = "BH") does', () => {
    // R: p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.2), "BH") = 0.025 0.05 0.05 0.025 0.2
    const q = benjaminiHochberg([0.01, 0.04, 0.03, 0.005, 0.2]);
    assert.deepEqual(
      Array.from(q, (v) => Number(v.toFixed(6))),
      [0.025, 0.05, 0.05, 0.025, 0.2],
    );
  });
});
