import type { PreparedRecord } from './normalise.js';

/**
 * Blocking keys: two records are compared when they share any key. Each rule is cheap and
 * catches a different kind of error, so together they keep nearly every true pair:
 *   n   both name sounds (order-free, so swapped names still meet)
 *   d   full date of birth
 *   ny  either name's sound + year of birth (catches a typo in the other name or the day)
 *   md  day and month of birth + initials (catches a typo in the year)
 *   p   phone, e / eu email and its user name, u UPRN
 *   pc  postcode + an initial; a house number + start of the street
 */
export function blockingKeys(r: PreparedRecord): string[] {
  const keys: string[] = [];
  const gc = r.givenCodes[0] ?? '';
  const sc = r.surnameCodes[0] ?? '';
  if (gc && sc) keys.push(gc < sc ? `n${gc}|${sc}` : `n${sc}|${gc}`);
  const dob = r.dob;
  if (dob && dob.m && dob.d) {
    keys.push(`d${r.dobKey}`);
    keys.push(`md${dob.m}-${dob.d}${r.given[0] ?? ''}${r.surname[0] ?? ''}`);
  }
  if (dob) {
    if (gc) keys.push(`ny${gc}|${dob.y}`);
    if (sc && sc !== gc) keys.push(`ny${sc}|${dob.y}`);
  }
  for (const p of r.phones) keys.push(`p${p}`);
  if (r.email) keys.push(`e${r.email}`);
  if (r.emailUser.length >= 4) keys.push(`eu${r.emailUser}`);
  if (r.uprn) keys.push(`u${r.uprn}`);
  if (r.postcode) {
    if (r.surname) keys.push(`pcs${r.postcode.full}|${r.surname[0]}`);
    if (r.given) keys.push(`pcg${r.postcode.full}|${r.given[0]}`);
  }
  if (r.houseNumbers && r.street) keys.push(`a${r.houseNumbers}|${r.street.slice(0, 4)}`);
  return keys;
}

/** Key -> record indexes (ascending), built incrementally. */
export class BlockIndex {
  readonly blocks = new Map<string, number[]>();

  add(index: number, keys: readonly string[]): void {
    for (const k of keys) {
      const block = this.blocks.get(k);
      if (block) block.push(index);
      else this.blocks.set(k, [index]);
    }
  }

  remove(index: number, keys: readonly string[]): void {
    for (const k of keys) {
      const block = this.blocks.get(k);
      if (!block) continue;
      const at = block.indexOf(index);
      if (at >= 0) block.splice(at, 1);
      if (!block.length) this.blocks.delete(k);
    }
  }
}

export interface BlockingOptions {
  /** Blocks larger than this are too unselective to compare in full and are skipped. */
  maxBlockSize: number;
  /** Only pairs from different sources (linking two sets). */
  acrossSourcesOnly: boolean;
}

/** Calls `visit(i, j)` once for every candidate pair i < j. */
export function forEachCandidatePair(
  records: readonly PreparedRecord[],
  keys: readonly (readonly string[])[],
  options: BlockingOptions,
  visit: (i: number, j: number) => void,
): void {
  const index = new BlockIndex();
  for (let i = 0; i < records.length; i++) index.add(i, keys[i]);
  const stamp = new Int32Array(records.length).fill(-1);
  for (let i = 0; i < records.length; i++) {
    const src = records[i].source;
    for (const k of keys[i]) {
      const block = index.blocks.get(k)!;
      if (block.length < 2 || block.length > options.maxBlockSize) continue;
      for (let t = block.length - 1; t >= 0; t--) {
        const j = block[t];
        if (j <= i) break;
        if (stamp[j] === i) continue;
        stamp[j] = i;
        if (options.acrossSourcesOnly && records[j].source === src) continue;
        visit(i, j);
      }
    }
  }
}
