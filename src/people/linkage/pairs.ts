import {
  BlockIndex,
  SMALL_SET_UP_TO,
  blockingKeys,
  broadBlockLimit,
  forEachCandidatePair,
} from './blocking.js';
import { compareRecords, K } from './comparisons.js';
import type { PreparedRecord } from './normalise.js';

/** Candidate pairs and their comparison levels, in growable typed arrays. */
export class PairStore {
  size = 0;
  left = new Int32Array(1024);
  right = new Int32Array(1024);
  levels = new Int8Array(1024 * K);

  push(i: number, j: number): number {
    if (this.size === this.left.length) this.grow();
    const at = this.size++;
    this.left[at] = i;
    this.right[at] = j;
    return at * K;
  }

  private grow(): void {
    const n = this.left.length * 2;
    const l = new Int32Array(n);
    l.set(this.left);
    const r = new Int32Array(n);
    r.set(this.right);
    const v = new Int8Array(n * K);
    v.set(this.levels);
    this.left = l;
    this.right = r;
    this.levels = v;
  }
}

export interface CandidateOptions {
  maxBlockSize: number;
  /** Budget for broad blocking keys, in candidate pairs per record. */
  broadPairsPerRecord: number;
  /** Broad keys may always add this many pairs (small sets get nearly all plausible pairs). */
  minBroadPairs: number;
  maxBroadBlockSize: number;
  acrossSourcesOnly: boolean;
}

/** Blocks the records and compares every candidate pair once; also returns the broad-block limit used. */
export function compareCandidatePairs(
  records: readonly PreparedRecord[],
  options: CandidateOptions,
): PairStore & { broadBlockLimit: number } {
  const smallSet = records.length <= SMALL_SET_UP_TO;
  const keys = records.map((r) => blockingKeys(r, smallSet));
  const index = new BlockIndex();
  for (let i = 0; i < records.length; i++) index.add(i, keys[i]);
  const limit = broadBlockLimit(
    index.blocks,
    records.length,
    options.broadPairsPerRecord,
    options.minBroadPairs,
    options.maxBroadBlockSize,
  );
  const store = Object.assign(new PairStore(), { broadBlockLimit: limit });
  forEachCandidatePair(records, index, keys, { ...options, broadBlockLimit: limit }, (i, j) => {
    const off = store.push(i, j);
    compareRecords(records[i], records[j], store.levels, off);
  });
  return store;
}
