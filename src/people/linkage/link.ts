import { clusterRecords } from './cluster.js';
import { K, compareRecords } from './comparisons.js';
import { prepareRecord, type PreparedRecord } from './normalise.js';
import { compareCandidatePairs, type PairStore } from './pairs.js';
import { Scorer, TermFrequencies, toProbability } from './scoring.js';
import { estimateU, fitModel, refineExactU, type TrainOptions } from './train.js';
import type { LinkageModel, LinkResult, PersonRecord, ScoredPair, StaffDecision } from './types.js';

export interface LinkOptions extends TrainOptions {
  /** A trained model; without one, a model is trained on the records first. */
  model?: LinkageModel;
  /** Blocks larger than this are skipped (see blocking.ts). */
  maxBlockSize?: number;
  /** Budget of extra candidate pairs per record for broad blocking keys. */
  broadPairsPerRecord?: number;
}

export const DEFAULT_BLOCKING = {
  maxBlockSize: 1000,
  broadPairsPerRecord: 5,
  minBroadPairs: 500_000,
  maxBroadBlockSize: 300,
};
const DEFAULT_U_SAMPLES = 150_000;

interface Prepared {
  records: PreparedRecord[];
  sourceSizes: number[];
  acrossSourcesOnly: boolean;
  store: PairStore;
  tf: TermFrequencies;
}

function prepare(records: readonly PersonRecord[], options: LinkOptions): Prepared {
  const seen = new Set<string>();
  for (const r of records) {
    if (seen.has(r.id)) throw new Error(`duplicate record id ${r.id}`);
    seen.add(r.id);
  }
  const prepared = records.map(prepareRecord);
  const bySource = new Map<string, number>();
  for (const r of prepared) bySource.set(r.source, (bySource.get(r.source) ?? 0) + 1);
  const acrossSourcesOnly = bySource.size > 1;
  const store = compareCandidatePairs(prepared, {
    ...DEFAULT_BLOCKING,
    maxBlockSize: options.maxBlockSize ?? DEFAULT_BLOCKING.maxBlockSize,
    broadPairsPerRecord: options.broadPairsPerRecord ?? DEFAULT_BLOCKING.broadPairsPerRecord,
    acrossSourcesOnly,
  });
  const tf = new TermFrequencies();
  for (const r of prepared) tf.add(r);
  return {
    records: prepared,
    sourceSizes: acrossSourcesOnly ? [...bySource.values()] : [],
    acrossSourcesOnly,
    store,
    tf,
  };
}

function train(p: Prepared, options: TrainOptions): LinkageModel {
  const u = estimateU(
    p.records,
    p.acrossSourcesOnly,
    options.uSamples ?? DEFAULT_U_SAMPLES,
    options.seed ?? 1,
  );
  refineExactU(u, p.tf);
  return fitModel(p.records, p.store, u, p.sourceSizes, options);
}

/**
 * Trains a Fellegi-Sunter model without labels: u from random pairs (exact agreement from value
 * counts), m and the share of matches by EM over blocked candidate pairs. Records with different
 * `source` values are treated as two (or more) sets to link, without pairs inside a set.
 */
export function trainModel(
  records: readonly PersonRecord[],
  options: TrainOptions & Pick<LinkOptions, 'maxBlockSize' | 'broadPairsPerRecord'> = {},
): LinkageModel {
  return train(prepare(records, options), options);
}

/**
 * Full re-link: every record into exactly one cluster (person). Staff decisions override the
 * model: confirmed pairs are always together, rejected pairs never.
 */
export function linkAll(
  records: readonly PersonRecord[],
  decisions: readonly StaffDecision[] = [],
  options: LinkOptions = {},
): LinkResult {
  const started = performance.now();
  const stages: Record<string, number> = {};
  let lap = started;
  const mark = (stage: string) => {
    const now = performance.now();
    stages[stage] = (now - lap) / 1000;
    lap = now;
  };
  const p = prepare(records, options);
  mark('compare');
  const model = options.model ?? train(p, options);
  mark('train');
  const n = p.records.length;
  const scorer = new Scorer(model, p.tf, { records: n, sources: p.sourceSizes });
  const weights = new Map<number, number>();
  const edges: { i: number; j: number; weight: number }[] = [];
  const possible: { i: number; j: number; weight: number }[] = [];
  const { store } = p;
  for (let t = 0; t < store.size; t++) {
    const i = store.left[t];
    const j = store.right[t];
    const a = p.records[i];
    const b = p.records[j];
    const w = scorer.weight(store.levels, t * K, a, b);
    const pr = toProbability(w);
    weights.set(i * n + j, w);
    if (pr >= model.linkProbability && scorer.linkable(a) && scorer.linkable(b))
      edges.push({ i, j, weight: w });
    if (pr >= model.possibleProbability) possible.push({ i, j, weight: w });
  }
  const levels = new Int8Array(K);
  const weight = (x: number, y: number): number => {
    const [i, j] = x < y ? [x, y] : [y, x];
    const key = i * n + j;
    let w = weights.get(key);
    if (w === undefined) {
      compareRecords(p.records[i], p.records[j], levels);
      w = scorer.weight(levels, 0, p.records[i], p.records[j]);
      weights.set(key, w);
    }
    return w;
  };
  mark('score');
  const indexOf = new Map(p.records.map((r) => [r.id, r.index]));
  const pairsOf = (d: 'confirmed' | 'rejected') =>
    decisions
      .filter((x) => x.decision === d && indexOf.has(x.a) && indexOf.has(x.b) && x.a !== x.b)
      .map((x) => [indexOf.get(x.a)!, indexOf.get(x.b)!] as const);
  const rejected = pairsOf('rejected');
  const { clusterOf, conflicts } = clusterRecords({
    n,
    edges,
    weight,
    comparable: (i, j) => !p.acrossSourcesOnly || p.records[i].source !== p.records[j].source,
    confirmed: pairsOf('confirmed'),
    rejected,
    minMeanProbability: model.minMeanProbability,
  });
  mark('cluster');
  const groups = new Map<number, string[]>();
  for (let i = 0; i < n; i++) {
    const g = groups.get(clusterOf[i]);
    if (g) g.push(p.records[i].id);
    else groups.set(clusterOf[i], [p.records[i].id]);
  }
  const rejectedKeys = new Set(rejected.map(([a, b]) => (a < b ? a * n + b : b * n + a)));
  const possibleMatches: ScoredPair[] = possible
    .filter((e) => clusterOf[e.i] !== clusterOf[e.j] && !rejectedKeys.has(e.i * n + e.j))
    .sort((x, y) => y.weight - x.weight)
    .map((e) => ({
      a: p.records[e.i].id,
      b: p.records[e.j].id,
      matchWeight: e.weight,
      probability: toProbability(e.weight),
    }));
  return {
    clusters: [...groups.values()],
    possibleMatches,
    conflicts: conflicts.map(([a, b]) => ({
      a: p.records[a].id,
      b: p.records[b].id,
      decision: 'confirmed' as const,
    })),
    model,
    stats: { records: n, candidatePairs: store.size, seconds: (performance.now() - started) / 1000, stages },
  };
}
