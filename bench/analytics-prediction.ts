// Compares hot spot prediction methods on the City police.uk files across many configurations
// (crime types, cell sizes, coverages, training lengths), not just one: for each method, the
// geometric mean of its mean PAI over prior-counts' mean PAI, how often it wins and loses, and the
// same ratio over the earlier and the later half of the scored months separately.
// Usage: tsx bench/analytics-prediction.ts [datasets folder]
import path from 'node:path';
import { readBoundaryFile } from '../src/analytics/geo/boundary.js';
import { squareGrid } from '../src/analytics/hotspots/grid.js';
import { parsePoliceUkFolder } from '../src/analytics/policeuk/folder.js';
import { evaluatePredictions, monthRange, type MonthScore } from '../src/analytics/predict/evaluate.js';
import { PREDICTION_METHODS, type PredictionMethod } from '../src/analytics/predict/methods.js';
import { RESEARCH_METHODS, similarContext } from './analytics-prediction-methods.js';
import { monthlyCellCounts } from '../src/analytics/predict/evaluate.js';

const datasets = process.argv[2] ?? process.env.DATASETS_DIR ?? path.resolve('..', 'shared', 'datasets');
const boundary = await readBoundaryFile(path.join(datasets, 'geo', 'city-of-london-lsoa-2011.wgs84.geojson'));
const { imported } = await parsePoliceUkFolder(path.join(datasets, 'policeuk', 'city-of-london'), {
  boundary,
});
const located = imported
  .filter((c) => c.easting !== null && c.northing !== null)
  .map((c) => ({ month: c.month, x: c.easting as number, y: c.northing as number, type: c.crimeType }));
const months = monthRange(located.map((c) => c.month));
const byType = new Map<string, typeof located>();
for (const c of located) byType.set(c.type, [...(byType.get(c.type) ?? []), c]);
// Types with at least 15 located crimes a month on average.
const types = [...byType]
  .filter(([, v]) => v.length >= 15 * months.length)
  .map(([t]) => t)
  .sort();

const methods: Record<string, PredictionMethod> = { ...PREDICTION_METHODS, ...RESEARCH_METHODS };
const names = Object.keys(methods);
const only = process.env.METHODS?.split(',');
for (const name of Object.keys(similarContext)) names.push(name);
const run = only ? names.filter((n) => only.includes(n) || n === 'prior-counts') : names;

const cellsList = [50, 100, 200];
const coverages = [0.02, 0.05, 0.1];
const trains = [1, 2, 3, 6];
const mean = (s: MonthScore[]) => {
  const k = s.filter((m) => m.pai !== null);
  return k.length ? k.reduce((a, m) => a + m.pai!, 0) / k.length : NaN;
};
interface Tally {
  log: number;
  logEarly: number;
  logLate: number;
  n: number;
  wins: number;
  losses: number;
  worst: number;
}
const tally = new Map(
  run.map((n) => [
    n,
    { log: 0, logEarly: 0, logLate: 0, n: 0, wins: 0, losses: 0, worst: Infinity } as Tally,
  ]),
);
const target = new Map<string, { pai: number; hit: number }>();
const split = '2024-01';
for (const size of cellsList) {
  const grid = squareGrid({ size, boundary });
  const typeCounts = types.map((t) => monthlyCellCounts(byType.get(t)!, grid, months));
  for (const [name, make] of Object.entries(similarContext)) methods[name] = make(typeCounts);
  for (const type of types) {
    const pts = byType.get(type)!;
    for (const coverage of coverages) {
      for (const train of trains) {
        const results = new Map<string, MonthScore[]>();
        for (const name of run) {
          const r = evaluatePredictions(pts, {
            grid,
            coverage,
            train,
            months,
            context: located,
            method: { name, score: methods[name] },
          });
          results.set(name, r.months);
          if (size === 100 && coverage === 0.05 && train === 3 && type === 'Theft from the person')
            target.set(name, { pai: r.meanPai!, hit: r.meanHitRate! });
        }
        const base = results.get('prior-counts')!;
        if (process.env.DETAIL === type) {
          console.log(
            `${size} m ${coverage} ${train}: prior ${mean(base).toFixed(2)}`,
            run
              .filter((n) => n !== 'prior-counts')
              .map((n) => `${n} ${mean(results.get(n)!).toFixed(2)}`)
              .join(', '),
          );
        }
        for (const name of run) {
          const m = results.get(name)!;
          const t = tally.get(name)!;
          const ratio = mean(m) / mean(base);
          t.log += Math.log(ratio);
          // A half where either method caught nothing at all counts as even (a log ratio of 0).
          const half = (keep: (x: MonthScore) => boolean) => {
            const r = Math.log(mean(m.filter(keep)) / mean(base.filter(keep)));
            return Number.isFinite(r) ? r : 0;
          };
          t.logEarly += half((x) => x.month < split);
          t.logLate += half((x) => x.month >= split);
          t.n++;
          if (ratio > 1.0001) t.wins++;
          else if (ratio < 0.9999) t.losses++;
          t.worst = Math.min(t.worst, ratio);
          if (process.env.LOSSES && ratio < 0.9)
            console.log(`  ${name} ${ratio.toFixed(2)}x: ${type}, ${size} m, ${coverage}, train ${train}`);
        }
      }
    }
  }
}
console.log(
  `${types.length} crime types (${types.join(', ')}); cells ${cellsList.join('/')} m; coverage ${coverages.join('/')}; train ${trains.join('/')} months`,
);
console.log(
  'method'.padEnd(28),
  'geo-mean PAI ratio  early   late   wins  losses  worst   | target PAI  hit',
);
for (const name of run) {
  const t = tally.get(name)!;
  const g = target.get(name);
  console.log(
    name.padEnd(28),
    Math.exp(t.log / t.n)
      .toFixed(3)
      .padStart(18),
    Math.exp(t.logEarly / t.n)
      .toFixed(3)
      .padStart(7),
    Math.exp(t.logLate / t.n)
      .toFixed(3)
      .padStart(6),
    String(t.wins).padStart(6),
    String(t.losses).padStart(7),
    t.worst.toFixed(3).padStart(6),
    '  |',
    g ? g.pai.toFixed(2).padStart(10) : '',
    g ? g.hit.toFixed(3).padStart(6) : '',
  );
}
