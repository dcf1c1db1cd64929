export interface ClusterInput {
  n: number;
  /** Pairs that may link automatically; merged strongest first. */
  edges: { i: number; j: number; weight: number }[];
  /** Match weight (log2 odds) of any pair (called only for pairs inside a prospective merge). */
  weight(i: number, j: number): number;
  /** Whether a pair may be compared at all (false for two records of one source when linking sets). */
  comparable(i: number, j: number): boolean;
  confirmed: readonly (readonly [number, number])[];
  rejected: readonly (readonly [number, number])[];
  /**
   * Two groups merge only when the mean match weight over all pairs between them, each clipped
   * to +-COHERENCE_CLIP bits, is above log2(p / (1 - p)) for this p. The clip stops one very
   * strong pair from outweighing a clear contradiction (at p = 0.5, most pairs must agree).
   */
  minMeanProbability: number;
  /** Pairs scored at most per merge check (spread evenly over the pairs when more). */
  maxCheckedPairs?: number;
}

export const COHERENCE_CLIP = 10;

export interface ClusterOutput {
  /** Cluster number per record (the root record index). */
  clusterOf: Int32Array;
  /** Confirmed pairs not applied because they would join a rejected pair. */
  conflicts: [number, number][];
}

/**
 * Average-linkage agglomeration over strong edges: an edge joins two groups only if the
 * records of the two groups agree with one another on average, so one weak or misleading
 * record cannot chain unrelated people together. Staff confirmations merge first and
 * unconditionally; staff rejections are never put in one cluster.
 */
export function clusterRecords(input: ClusterInput): ClusterOutput {
  const parent = Int32Array.from({ length: input.n }, (_, i) => i);
  const members: number[][] = Array.from({ length: input.n }, (_, i) => [i]);
  const rejectedWith = new Map<number, number[]>();
  for (const [a, b] of input.rejected) {
    (rejectedWith.get(a) ?? rejectedWith.set(a, []).get(a)!).push(b);
    (rejectedWith.get(b) ?? rejectedWith.set(b, []).get(b)!).push(a);
  }
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  const rejectedBetween = (ra: number, rb: number): boolean => {
    const [small, otherRoot] = members[ra].length <= members[rb].length ? [ra, rb] : [rb, ra];
    for (const x of members[small])
      for (const y of rejectedWith.get(x) ?? []) if (find(y) === otherRoot) return true;
    return false;
  };
  const union = (ra: number, rb: number) => {
    const [big, small] = members[ra].length >= members[rb].length ? [ra, rb] : [rb, ra];
    parent[small] = big;
    for (const x of members[small]) members[big].push(x);
    members[small] = [];
  };
  const maxChecked = input.maxCheckedPairs ?? 400;
  const p = Math.min(0.999999, Math.max(1e-6, input.minMeanProbability));
  const minMean = Math.log2(p / (1 - p));
  const coherent = (ra: number, rb: number): boolean => {
    const A = members[ra];
    const B = members[rb];
    const total = A.length * B.length;
    if (total === 1) return true;
    const step = total > maxChecked ? total / maxChecked : 1;
    let sum = 0;
    let count = 0;
    for (let t = 0; t < total; t += step) {
      const idx = Math.floor(t);
      const i = A[Math.floor(idx / B.length)];
      const j = B[idx % B.length];
      if (!input.comparable(i, j)) continue;
      const w = input.weight(i, j);
      sum += w > COHERENCE_CLIP ? COHERENCE_CLIP : w < -COHERENCE_CLIP ? -COHERENCE_CLIP : w;
      count++;
    }
    return count === 0 || sum / count > minMean;
  };

  const conflicts: [number, number][] = [];
  for (const [a, b] of input.confirmed) {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) continue;
    if (rejectedBetween(ra, rb)) conflicts.push([a, b]);
    else union(ra, rb);
  }
  const edges = [...input.edges].sort((x, y) => y.weight - x.weight);
  for (const e of edges) {
    const ra = find(e.i);
    const rb = find(e.j);
    if (ra === rb || rejectedBetween(ra, rb) || !coherent(ra, rb)) continue;
    union(ra, rb);
  }
  const clusterOf = new Int32Array(input.n);
  for (let i = 0; i < input.n; i++) clusterOf[i] = find(i);
  return { clusterOf, conflicts };
}
