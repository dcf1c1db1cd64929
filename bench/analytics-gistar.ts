// Getis-Ord Gi* over 100,000 grid cells (kdbush neighbour search), with FDR and hot/cold classes.
import { classifyHotCold } from '../src/analytics/hotspots/classify.js';
import { giStar } from '../src/analytics/hotspots/gistar.js';
import { mulberry32 } from '../src/analytics/nearrepeat/random.js';

const side = 317; // 100,489 cells of 100 m
const n = side * side;
const rng = mulberry32(3);
const xs = new Float64Array(n);
const ys = new Float64Array(n);
const values = new Float64Array(n);
const hot = Array.from({ length: 40 }, () => [rng() * side * 100, rng() * side * 100]);
for (let i = 0; i < n; i++) {
  xs[i] = (i % side) * 100 + 50;
  ys[i] = Math.floor(i / side) * 100 + 50;
  const near = hot.some(([hx, hy]) => Math.hypot(xs[i] - hx, ys[i] - hy) < 400);
  values[i] = Math.floor(rng() * (near ? 12 : 4));
}

for (const band of [150, 300, 500]) {
  giStar(xs.subarray(0, 2000), ys.subarray(0, 2000), values.subarray(0, 2000), { distanceBand: band }); // warm-up
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const result = giStar(xs, ys, values, { distanceBand: band });
  const classes = classifyHotCold(result.z, result.q);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const hotCells = classes.filter((c) => c.startsWith('hot')).length;
  const meanNeighbours = result.neighbours.reduce((a, b) => a + b, 0) / n;
  console.log(
    `gi* ${n.toLocaleString('en-GB')} cells, band ${band} m (${meanNeighbours.toFixed(1)} neighbours each): ${(ms / 1000).toFixed(3)} s ` +
      `(${((cpu.user + cpu.system) / 1e6).toFixed(3)} s CPU), z + p + BH q + classes; ${hotCells} hot cells at FDR 10%`,
  );
}
