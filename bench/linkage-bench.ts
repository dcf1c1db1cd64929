// Record-linkage benchmark on synthetic UK people: full re-link and one-record matching.
// Run: node --import tsx bench/linkage-bench.ts [records]
import { linkAll } from '../src/people/linkage/link.js';
import { LinkageIndex } from '../src/people/linkage/linkage-index.js';
import { syntheticPeople } from '../src/people/linkage/synthetic.js';
import { evaluateClusters } from '../src/people/linkage/evaluate/metrics.js';

const n = Number(process.argv[2] ?? 100_000);
const queries = 1000;
const t0 = performance.now();
const all = syntheticPeople({ records: n + queries, seed: 7 });
const records = all.records.slice(0, n);
const truth = all.truth.slice(0, n);
console.log(
  `generated ${n} records (+${queries} to match) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);

const t1 = performance.now();
const cpu1 = process.cpuUsage();
const result = linkAll(records);
const relink = (performance.now() - t1) / 1000;
const relinkCpu = process.cpuUsage(cpu1);
const clusterOf = new Map<string, string>();
result.clusters.forEach((c, i) => c.forEach((id) => clusterOf.set(id, String(i))));
const scores = evaluateClusters(
  records.map((r) => clusterOf.get(r.id)!),
  truth,
);
const biggest = Math.max(...result.clusters.map((c) => c.length));
console.log(
  `re-link ${n} records: ${relink.toFixed(1)} s wall, ${((relinkCpu.user + relinkCpu.system) / 1e6).toFixed(1)} s CPU (${result.stats.candidatePairs} candidate pairs, EM ${result.model.trainedOn.emIterations} iterations)`,
);
console.log(
  `  stages (wall s): ${Object.entries(result.stats.stages)
    .map(([k, v]) => `${k} ${v.toFixed(1)}`)
    .join(', ')}`,
);
console.log(
  `  load average while running: ${(await import('node:os')).loadavg()[0].toFixed(1)} on ${(await import('node:os')).cpus().length} cores`,
);
console.log(
  `  pairs precision ${scores.pairs.precision.toFixed(4)} recall ${scores.pairs.recall.toFixed(4)} F1 ${scores.pairs.f1.toFixed(4)}; clusters F1 ${scores.clusters.f1.toFixed(4)}; largest cluster ${biggest}; review queue ${result.possibleMatches.length}`,
);

const t2 = performance.now();
const index = LinkageIndex.build(result.model, records, clusterOf);
console.log(`index build: ${((performance.now() - t2) / 1000).toFixed(1)} s`);
const times: number[] = [];
let linked = 0;
for (const q of all.records.slice(n)) {
  const s = performance.now();
  const found = index.match(q);
  times.push(performance.now() - s);
  if (found[0]?.band === 'link') linked++;
}
times.sort((a, b) => a - b);
const pct = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(2);
console.log(
  `match one record against ${n}: p50 ${pct(0.5)} ms, p95 ${pct(0.95)} ms, max ${pct(1)} ms (${linked}/${queries} linked)`,
);
