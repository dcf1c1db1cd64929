import { COMPARISONS, K, NULL_LEVEL, compareRecords } from './comparisons.js';
import type { PreparedRecord } from './normalise.js';
import type { PairStore } from './pairs.js';
import { seededRandom } from './random.js';
import type { TermFrequencies } from './scoring.js';
import type { LinkageModel } from './types.js';

export interface TrainOptions {
  /** Random pairs compared to estimate u (all pairs when there are fewer). */
  uSamples?: number;
  maxEmIterations?: number;
  seed?: number;
  linkProbability?: number;
  possibleProbability?: number;
  minInformation?: number;
  minMeanProbability?: number;
}

export const DEFAULT_THRESHOLDS = { linkProbability: 0.9, possibleProbability: 0.2, minInformation: 1.5, minMeanProbability: 0.5 };

const LEVEL_COUNTS = COMPARISONS.map((c) => c.levels.length);
const FLOOR = 1e-6;

/** Level frequencies among random pairs (nearly all different people): the u probabilities. */
export function estimateU(records: readonly PreparedRecord[], acrossSourcesOnly: boolean, samples: number, seed: number): number[][] {
  const counts = LEVEL_COUNTS.map((n) => new Float64Array(n));
  const levels = new Int8Array(K);
  const add = (a: PreparedRecord, b: PreparedRecord) => {
    compareRecords(a, b, levels);
    for (let k = 0; k < K; k++) if (levels[k] !== NULL_LEVEL) counts[k][levels[k]]++;
  };
  const n = records.length;
  const allPairs = (n * (n - 1)) / 2;
  if (allPairs <= samples) {
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++) if (!acrossSourcesOnly || records[i].source !== records[j].source) add(records[i], records[j]);
  } else {
    const rnd = seededRandom(seed);
    let tries = 0;
    for (let s = 0; s < samples && tries < samples * 20; tries++) {
      const i = Math.floor(rnd() * n);
      const j = Math.floor(rnd() * n);
      if (i === j || (acrossSourcesOnly && records[i].source === records[j].source)) continue;
      add(records[i], records[j]);
      s++;
    }
  }
  return counts.map((c) => {
    const total = c.reduce((x, y) => x + y, 0);
    return Array.from(c, (v) => (v + 0.01) / (total + 0.01 * c.length));
  });
}

/** Replaces u of exact agreement by the rate computed from value counts, rescaling the other levels. */
export function refineExactU(u: number[][], tf: TermFrequencies): void {
  for (let k = 0; k < K; k++) {
    const c = COMPARISONS[k];
    if (!c.singleValued || !c.tfAdjusted) continue;
    const exact = tf.exactAgreementRate(k);
    if (!Number.isFinite(exact) || exact <= 0) continue;
    const rest = 1 - u[k][0];
    const scale = rest > 0 ? (1 - exact) / rest : 0;
    u[k] = u[k].map((v, l) => (l === 0 ? exact : v * scale));
  }
}

interface EmResult {
  m: number[][];
  lambda: number;
  iterations: number;
  converged: boolean;
}

/**
 * Expectation-maximisation over candidate pairs, grouped by their pattern of levels. The
 * non-match distribution among candidate pairs is a free nuisance parameter (blocking makes it
 * differ from random pairs); only m and the match share are kept.
 */
export function runEm(store: PairStore, uStart: number[][], maxIterations: number): EmResult {
  const patterns = new Map<string, number>();
  const lv = store.levels;
  for (let p = 0; p < store.size; p++) {
    let key = '';
    for (let k = 0; k < K; k++) key += String.fromCharCode(66 + lv[p * K + k]);
    patterns.set(key, (patterns.get(key) ?? 0) + 1);
  }
  const pats: Int8Array[] = [];
  const counts: number[] = [];
  for (const [key, c] of patterns) {
    pats.push(Int8Array.from(key, (ch) => ch.charCodeAt(0) - 66));
    counts.push(c);
  }
  let m = LEVEL_COUNTS.map((n) => initialM(n));
  let u = uStart.map((row) => row.slice());
  let lambda = 0.1;
  let iterations = 0;
  let converged = false;
  const post = new Float64Array(pats.length);
  for (; iterations < maxIterations; iterations++) {
    let matchTotal = 0;
    let all = 0;
    for (let p = 0; p < pats.length; p++) {
      let pm = lambda;
      let pu = 1 - lambda;
      const pat = pats[p];
      for (let k = 0; k < K; k++) {
        const l = pat[k];
        if (l === NULL_LEVEL) continue;
        pm *= m[k][l];
        pu *= u[k][l];
      }
      post[p] = pm + pu > 0 ? pm / (pm + pu) : 0;
      matchTotal += post[p] * counts[p];
      all += counts[p];
    }
    const mCounts = LEVEL_COUNTS.map((n) => new Float64Array(n).fill(0.5));
    const uCounts = LEVEL_COUNTS.map((n) => new Float64Array(n).fill(0.5));
    for (let p = 0; p < pats.length; p++) {
      const pat = pats[p];
      const wm = post[p] * counts[p];
      const wu = (1 - post[p]) * counts[p];
      for (let k = 0; k < K; k++) {
        const l = pat[k];
        if (l === NULL_LEVEL) continue;
        mCounts[k][l] += wm;
        uCounts[k][l] += wu;
      }
    }
    const nextM = mCounts.map(normalise);
    const nextU = uCounts.map(normalise);
    const nextLambda = Math.min(0.999, Math.max(1e-9, matchTotal / Math.max(1, all)));
    let delta = Math.abs(nextLambda - lambda);
    for (let k = 0; k < K; k++) for (let l = 0; l < nextM[k].length; l++) delta = Math.max(delta, Math.abs(nextM[k][l] - m[k][l]));
    m = nextM;
    u = nextU;
    lambda = nextLambda;
    if (delta < 1e-5) {
      converged = true;
      iterations++;
      break;
    }
  }
  return { m, lambda, iterations, converged };
}

function initialM(levels: number): number[] {
  if (levels === 2) return [0.9, 0.1];
  const out = new Array<number>(levels);
  out[0] = 0.65;
  out[levels - 1] = 0.1;
  for (let l = 1; l < levels - 1; l++) out[l] = 0.25 / (levels - 2);
  return out;
}

function normalise(c: Float64Array): number[] {
  const total = c.reduce((x, y) => x + y, 0);
  return Array.from(c, (v) => Math.max(FLOOR, v / total));
}

/** Builds the model from compared candidate pairs and u estimates. */
export function fitModel(
  records: readonly PreparedRecord[],
  store: PairStore,
  u: number[][],
  sourceSizes: number[],
  options: TrainOptions = {},
): LinkageModel {
  const em = runEm(store, u, options.maxEmIterations ?? 200);
  const expectedMatches = em.lambda * store.size;
  const n = records.length;
  const matchesPerRecord = (2 * expectedMatches) / Math.max(1, sourceSizes.length > 1 ? sourceSizes.reduce((a, b) => a + b, 0) : n);
  return {
    version: 1,
    comparisons: COMPARISONS.map((c, k) => ({
      name: c.name,
      tfAdjusted: c.tfAdjusted,
      levels: c.levels.map((label, l) => ({ label, m: em.m[k][l], u: Math.max(FLOOR, u[k][l]) })),
    })),
    matchesPerRecord,
    linkProbability: options.linkProbability ?? DEFAULT_THRESHOLDS.linkProbability,
    possibleProbability: options.possibleProbability ?? DEFAULT_THRESHOLDS.possibleProbability,
    minInformation: options.minInformation ?? DEFAULT_THRESHOLDS.minInformation,
    minMeanProbability: options.minMeanProbability ?? DEFAULT_THRESHOLDS.minMeanProbability,
    trainedOn: { records: n, candidatePairs: store.size, emIterations: em.iterations, converged: em.converged },
  };
}
