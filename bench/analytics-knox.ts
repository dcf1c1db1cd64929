// Knox test (near repeat) at 12,000 events x 99 permutations, on synthetic clustered burglaries.
import { knoxTest, type KnoxOptions } from '../src/analytics/nearrepeat/knox.js';
import { mulberry32 } from '../src/analytics/nearrepeat/random.js';

function syntheticEvents(n: number, seed: number) {
  const rng = mulberry32(seed);
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  const days = new Float64Array(n);
  // A 20 km x 20 km city: half the events scattered, half in 300 clusters of about 150 m.
  const centres = Array.from({ length: 300 }, () => [rng() * 20_000, rng() * 20_000]);
  for (let i = 0; i < n; i++) {
    if (rng() < 0.5) {
      xs[i] = rng() * 20_000;
      ys[i] = rng() * 20_000;
    } else {
      const [cx, cy] = centres[Math.floor(rng() * centres.length)];
      xs[i] = cx + (rng() - 0.5) * 300;
      ys[i] = cy + (rng() - 0.5) * 300;
    }
    days[i] = 19_000 + Math.floor(rng() * 365);
  }
  return { xs, ys, days };
}

const events = syntheticEvents(12_000, 42);
const settings: [string, KnoxOptions][] = [
  [
    '3 x 100 m, 3 x 7 days',
    {
      distanceBand: 100,
      distanceBands: 3,
      timeBand: 7,
      timeBands: 3,
      metric: 'manhattan',
      iterations: 99,
      nrcBands: true,
    },
  ],
  [
    '10 x 100 m, 8 x 7 days',
    { distanceBand: 100, distanceBands: 10, timeBand: 7, timeBands: 8, metric: 'euclidean', iterations: 99 },
  ],
];
for (const [name, options] of settings) {
  knoxTest(events.xs.subarray(0, 500), events.ys.subarray(0, 500), events.days.subarray(0, 500), {
    ...options,
    iterations: 5,
  }); // warm-up
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const result = knoxTest(events.xs, events.ys, events.days, options);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  console.log(
    `knox ${name}: ${events.xs.length} events x ${options.iterations} iterations, ${result.closePairs} close pairs: ` +
      `${(ms / 1000).toFixed(3)} s (${((cpu.user + cpu.system) / 1e6).toFixed(3)} s CPU)`,
  );
}
