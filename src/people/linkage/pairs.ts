import { blockingKeys, forEachCandidatePair, type BlockingOptions } from './blocking.js';
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

/** Blocks the records and compares every candidate pair once. */
export function compareCandidatePairs(records: readonly PreparedRecord[], options: BlockingOptions): PairStore {
  const keys = records.map(blockingKeys);
  const store = new PairStore();
  forEachCandidatePair(records, keys, options, (i, j) => {
    const off = store.push(i, j);
    compareRecords(records[i], records[j], store.levels, off);
  });
  return store;
}
