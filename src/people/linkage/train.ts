import { COMPARISONS, DOB, GIVEN, K, NULL_LEVEL, SURNAME, compareRecords } from './comparisons.js';
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

/**
 * Link from a model probability of 0.4: the model's probabilities are too low in the middle of
 * the range (field agreements are not independent, and blocking already picked the pairs), so
 * that is about where a match becomes more likely than not (on labelled sets from two different
 * generators, 56-67% of candidate pairs scoring 0.3-0.5 were the same person); pairs from 0.1 go
 * to review. Groups join only when the mean clipped weight between them is above
 * log2(0.2 / 0.8), which caps a chain of single links at three records (see cluster.ts), so an
 * edge just below even odds still has to agree with the rest of its group.
 */
export const DEFAULT_THRESHOLDS = {
  linkProbability: 0.4,
  possibleProbability: 0.1,
  minInformation: 1.5,
  minMeanProbability: 0.2,
};

const LEVEL_COUNTS = COMPARISONS.map((c) => c.levels.length);
const FLOOR = 1e-6;

/** Level frequencies among random pairs (nearly all different people): the u probabilities. */
export function estimateU(
  records: readonly PreparedRecord[],
  acrossSourcesOnly: boolean,
  samples: number,
  seed: number,
): number[][] {
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
      for (let j = i + 1; j < n; j++)
        if (!acrossSourcesOnly || records[i].source !== records[j].source) add(records[i], records[j]);
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

/** Pattern digits: each comparison's level + 1 (0 for missing) must stay below this. */
const PATTERN_BASE = 16;
if (Math.max(...LEVEL_COUNTS) >= PATTERN_BASE || PATTERN_BASE ** K > Number.MAX_SAFE_INTEGER)
  throw new Error('comparison levels do not fit the EM pattern key');

/** A pair's levels as one number (one base-16 digit each, level + 1; `skip` comparisons as missing). */
export function patternKey(levels: Int8Array, offset: number, skip: readonly number[]): number {
  let key = 0;
  for (let k = 0; k < K; k++) key = key * PATTERN_BASE + (skip.includes(k) ? 0 : levels[offset + k] + 1);
  return key;
}

export function patternOf(key: number): Int8Array {
  const out = new Int8Array(K);
  for (let k = K - 1; k >= 0; k--) {
    out[k] = (key % PATTERN_BASE) - 1;
    key = Math.floor(key / PATTERN_BASE);
  }
  return out;
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
  const patterns = new Map<number, number>();
  const lv = store.levels;
  for (let p = 0; p < store.size; p++) {
    const key = patternKey(lv, p * K, []);
    patterns.set(key, (patterns.get(key) ?? 0) + 1);
  }
  const pats: Int8Array[] = [];
  const counts: number[] = [];
  for (const [key, c] of patterns) {
    pats.push(patternOf(key));
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
    for (let k = 0; k < K; k++)
      for (let l = 0; l < nextM[k].length; l++) delta = Math.max(delta, Math.abs(nextM[k][l] - m[k][l]));
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

/**
 * EM with u fixed to the random-pair estimates, over the candidate pairs that agree exactly on
 * the `conditioned` comparisons, which are left out of the likelihood (Splink's approach): among
 * such pairs, different people still look like random pairs on every other field, so the fixed u
 * is right for them and the latent class is the person, not the shared field.
 */
export function runSessionEm(
  store: PairStore,
  conditioned: readonly number[],
  u: number[][],
  maxIterations: number,
): { m: (number[] | null)[]; lambda: number; pairs: number; iterations: number } | null {
  const patterns = new Map<number, number>();
  const lv = store.levels;
  let pairs = 0;
  for (let p = 0; p < store.size; p++) {
    const off = p * K;
    if (conditioned.some((k) => lv[off + k] !== 0)) continue;
    pairs++;
    const key = patternKey(lv, off, conditioned);
    patterns.set(key, (patterns.get(key) ?? 0) + 1);
  }
  if (pairs < 30) return null;
  const pats: Int8Array[] = [];
  const counts: number[] = [];
  for (const [key, c] of patterns) {
    pats.push(patternOf(key));
    counts.push(c);
  }
  let m = LEVEL_COUNTS.map((n) => initialM(n));
  let lambda = 0.3;
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    const mCounts = LEVEL_COUNTS.map((n) => new Float64Array(n).fill(0.1));
    let matchTotal = 0;
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
      const post = pm + pu > 0 ? pm / (pm + pu) : 0;
      const wm = post * counts[p];
      matchTotal += wm;
      for (let k = 0; k < K; k++) if (pat[k] !== NULL_LEVEL) mCounts[k][pat[k]] += wm;
    }
    const nextM = mCounts.map(normalise);
    const nextLambda = Math.min(0.9999, Math.max(1e-9, matchTotal / pairs));
    let delta = Math.abs(nextLambda - lambda);
    for (let k = 0; k < K; k++)
      for (let l = 0; l < nextM[k].length; l++) delta = Math.max(delta, Math.abs(nextM[k][l] - m[k][l]));
    m = nextM;
    lambda = nextLambda;
    if (delta < 1e-5) {
      iterations++;
      break;
    }
  }
  const observed = LEVEL_COUNTS.map(() => false);
  for (const pat of pats) for (let k = 0; k < K; k++) if (pat[k] !== NULL_LEVEL) observed[k] = true;
  return {
    m: m.map((row, k) => (observed[k] && !conditioned.includes(k) ? row : null)),
    lambda,
    pairs,
    iterations,
  };
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

/**
 * Any field of a record about the same person can be wrong (a mistyped or guessed date, an old
 * email), so disagreement is never treated as near-impossible evidence: EM over unlabelled pairs
 * can drive m of the "different" level towards 0 when most disagreeing pairs it sees are
 * different people, which would let one wrong field veto a pair on which everything else agrees.
 */
export const MIN_M_DIFFERENT = 0.01;

function floorDisagreement(m: number[]): number[] {
  const last = m.length - 1;
  if (m[last] >= MIN_M_DIFFERENT) return m;
  const rest = 1 - m[last];
  const scale = rest > 0 ? (1 - MIN_M_DIFFERENT) / rest : 0;
  return m.map((v, l) => (l === last ? MIN_M_DIFFERENT : Math.max(FLOOR, v * scale)));
}

/** Share of records with a value for each comparison (for how often both sides of a match have it). */
function filledShare(records: readonly PreparedRecord[]): number[] {
  const probe = new Int8Array(K);
  const out = new Array<number>(K).fill(0);
  for (const r of records) {
    compareRecords(r, r, probe);
    for (let k = 0; k < K; k++) if (probe[k] !== NULL_LEVEL) out[k]++;
  }
  return out.map((c) => c / Math.max(1, records.length));
}

/**
 * Builds the model from compared candidate pairs and u estimates. m comes from two EM sessions
 * (pairs with the same date of birth; pairs with the same given name and surname), each
 * estimating the fields it does not condition on; the expected number of matching pairs comes
 * from each session's share of matches scaled by how often a match agrees on its condition.
 * When a session has too few pairs, an EM over all candidate pairs fills the gaps.
 */
export function fitModel(
  records: readonly PreparedRecord[],
  store: PairStore,
  uRandom: number[][],
  sourceSizes: number[],
  options: TrainOptions = {},
): LinkageModel {
  const maxIter = options.maxEmIterations ?? 200;
  const u = uRandom;
  const dobSession = runSessionEm(store, [DOB], u, maxIter);
  const nameSession = runSessionEm(store, [GIVEN, SURNAME], u, maxIter);
  let fallback: EmResult | null = null;
  const m: number[][] = [];
  for (let k = 0; k < K; k++) {
    const estimates = [dobSession?.m[k], nameSession?.m[k]].filter((x): x is number[] => !!x);
    if (estimates.length) {
      m.push(estimates[0].map((_, l) => estimates.reduce((s, e) => s + e[l], 0) / estimates.length));
    } else {
      fallback ??= runEm(store, u, maxIter);
      m.push(fallback.m[k]);
    }
    m[k] = floorDisagreement(m[k]);
  }
  const filled = filledShare(records);
  const matchEstimates: number[] = [];
  if (dobSession)
    matchEstimates.push((dobSession.lambda * dobSession.pairs) / (m[DOB][0] * filled[DOB] ** 2));
  if (nameSession)
    matchEstimates.push(
      (nameSession.lambda * nameSession.pairs) /
        (m[GIVEN][0] * m[SURNAME][0] * filled[GIVEN] ** 2 * filled[SURNAME] ** 2),
    );
  let expectedMatches: number;
  if (matchEstimates.length)
    expectedMatches = Math.exp(
      matchEstimates.reduce((s, x) => s + Math.log(Math.max(x, 1e-9)), 0) / matchEstimates.length,
    );
  else {
    fallback ??= runEm(store, u, maxIter);
    expectedMatches = fallback.lambda * store.size;
  }
  const n = records.length;
  const matchesPerRecord =
    (2 * expectedMatches) / Math.max(1, sourceSizes.length > 1 ? sourceSizes.reduce((a, b) => a + b, 0) : n);
  const iterations =
    (dobSession?.iterations ?? 0) + (nameSession?.iterations ?? 0) + (fallback?.iterations ?? 0);
  return {
    version: 1,
    comparisons: COMPARISONS.map((c, k) => ({
      name: c.name,
      tfAdjusted: c.tfAdjusted,
      levels: c.levels.map((label, l) => ({ label, m: m[k][l], u: Math.max(FLOOR, u[k][l]) })),
    })),
    matchesPerRecord,
    linkProbability: options.linkProbability ?? DEFAULT_THRESHOLDS.linkProbability,
    possibleProbability: options.possibleProbability ?? DEFAULT_THRESHOLDS.possibleProbability,
    minInformation: options.minInformation ?? DEFAULT_THRESHOLDS.minInformation,
    minMeanProbability: options.minMeanProbability ?? DEFAULT_THRESHOLDS.minMeanProbability,
    trainedOn: {
      records: n,
      candidatePairs: store.size,
      emIterations: iterations,
      converged: iterations < 3 * maxIter,
    },
  };
}
