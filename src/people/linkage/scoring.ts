import { COMPARISONS, K, NULL_LEVEL, sharedValue, termValues } from './comparisons.js';
import type { PreparedRecord } from './normalise.js';
import type { Band, FieldExplanation, LinkageModel, PairExplanation } from './types.js';

/** Counts of each value per comparison, for term-frequency adjustment; kept up to date incrementally. */
export class TermFrequencies {
  private readonly counts: Map<string, number>[] = COMPARISONS.map(() => new Map());
  private readonly totals = new Float64Array(K);

  add(r: PreparedRecord, sign: 1 | -1 = 1): void {
    for (let k = 0; k < K; k++) {
      if (!COMPARISONS[k].tfAdjusted) continue;
      const map = this.counts[k];
      for (const v of termValues(r, k)) {
        map.set(v, (map.get(v) ?? 0) + sign);
        this.totals[k] += sign;
      }
    }
  }

  /** Share of values equal to `value` (at least one occurrence besides the record being matched). */
  frequency(k: number, value: string): number {
    const total = this.totals[k];
    if (total <= 0) return 1;
    return Math.max(1, this.counts[k].get(value) ?? 0) / total;
  }

  /** Probability that two random records agree exactly, from value counts (sum of c(c-1) over T(T-1)). */
  exactAgreementRate(k: number): number {
    const total = this.totals[k];
    if (total < 2) return NaN;
    let s = 0;
    for (const c of this.counts[k].values()) s += c * (c - 1);
    return s / (total * (total - 1));
  }
}

/** Prior probability that two records in a set are the same person. */
export function priorProbability(
  model: LinkageModel,
  sizes: { records: number; sources?: number[] },
): number {
  const mpr = model.matchesPerRecord;
  const s = sizes.sources;
  let lambda: number;
  if (s && s.length > 1) {
    let crossPairs = 0;
    let sum = 0;
    for (let i = 0; i < s.length; i++) {
      sum += s[i];
      for (let j = i + 1; j < s.length; j++) crossPairs += s[i] * s[j];
    }
    lambda = (mpr * sum) / 2 / Math.max(1, crossPairs);
  } else {
    lambda = mpr / Math.max(1, sizes.records - 1);
  }
  return Math.min(0.5, Math.max(1e-12, lambda));
}

const log2 = Math.log2;

/** Turns comparison levels into match weights, probabilities, bands and explanations. */
export class Scorer {
  readonly priorWeight: number;
  private readonly weights: Float64Array[];

  constructor(
    readonly model: LinkageModel,
    readonly tf: TermFrequencies,
    sizes: { records: number; sources?: number[] },
  ) {
    const stale = COMPARISONS.some(
      (c, k) =>
        model.comparisons[k]?.name !== c.name || model.comparisons[k].levels.length !== c.levels.length,
    );
    if (stale || model.comparisons.length !== K)
      throw new Error('the linkage model was trained with other comparison levels; train it again');
    const lambda = priorProbability(model, sizes);
    this.priorWeight = log2(lambda / (1 - lambda));
    this.weights = model.comparisons.map((c) => Float64Array.from(c.levels, (l) => log2(l.m / l.u)));
  }

  private exactTfWeight(k: number, a: PreparedRecord, b: PreparedRecord): { weight: number; tf: number } {
    const m = this.model.comparisons[k].levels[0].m;
    const tf = this.tf.frequency(k, sharedValue(a, b, k));
    return { weight: log2(m / Math.max(tf, 1e-9)), tf };
  }

  /** Match weight (log2 odds) of a compared pair. */
  weight(levels: Int8Array, offset: number, a: PreparedRecord, b: PreparedRecord): number {
    let w = this.priorWeight;
    for (let k = 0; k < K; k++) {
      const l = levels[offset + k];
      if (l === NULL_LEVEL) continue;
      if (l === 0 && this.model.comparisons[k].tfAdjusted) w += this.exactTfWeight(k, a, b).weight;
      else w += this.weights[k][l];
    }
    return w;
  }

  band(probability: number, linkable: boolean): Band {
    if (probability >= this.model.linkProbability && linkable) return 'link';
    return probability >= this.model.possibleProbability ? 'possible' : 'none';
  }

  /** Whether a record holds enough identifying information to be linked without review. */
  linkable(r: PreparedRecord): boolean {
    return r.information >= this.model.minInformation;
  }

  explain(levels: Int8Array, offset: number, a: PreparedRecord, b: PreparedRecord): PairExplanation {
    const fields: FieldExplanation[] = [];
    let total = this.priorWeight;
    for (let k = 0; k < K; k++) {
      const c = this.model.comparisons[k];
      const l = levels[offset + k];
      if (l === NULL_LEVEL) {
        fields.push({ comparison: c.name, level: 'missing', weight: 0 });
        continue;
      }
      const p = c.levels[l];
      const f: FieldExplanation = {
        comparison: c.name,
        level: p.label,
        weight: this.weights[k][l],
        m: p.m,
        u: p.u,
      };
      if (l === 0 && c.tfAdjusted) {
        const t = this.exactTfWeight(k, a, b);
        f.weight = t.weight;
        f.termFrequency = t.tf;
      }
      total += f.weight;
      fields.push(f);
    }
    const probability = toProbability(total);
    const linkable = this.linkable(a) && this.linkable(b);
    const out: PairExplanation = {
      a: a.id,
      b: b.id,
      fields,
      priorWeight: this.priorWeight,
      matchWeight: total,
      probability,
      band: this.band(probability, linkable),
    };
    if (!linkable && probability >= this.model.linkProbability)
      out.note = 'a record has too little identifying information to link without review';
    return out;
  }
}

export function toProbability(weight: number): number {
  const odds = 2 ** weight;
  return Number.isFinite(odds) ? odds / (1 + odds) : 1;
}
