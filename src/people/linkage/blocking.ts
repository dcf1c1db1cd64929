import type { PreparedRecord } from './normalise.js';

/**
 * Blocking keys: two records are compared when they share any key. Each rule is cheap and
 * catches a different kind of error, so together they keep nearly every true pair:
 *   n   both name sounds (order-free, so swapped names still meet)
 *   d   full date of birth
 *   p   phone, e / eu email and its user name, u UPRN
 *   pc  postcode + an initial; a house number + start of the street + surname initial
 * Broad keys (starting '~') catch what heavier corruption leaves. They are used smallest blocks
 * first, within a budget of pairs per record (see broadBlockLimit), so on small sets they reach
 * nearly every plausible pair and on large sets they add only their most selective blocks:
 *   ~ny either name's sound + year of birth (catches a typo in the other name or the day)
 *   ~md day and month of birth + an initial (catches a typo in the year)
 *   ~t / ~l / ~p  a name token (given, surname or from the email user, in any role), its sorted
 *                 letters (catches swapped letters), its first four letters, the token with
 *                 any one letter deleted (~x: meets any token one typo away), token + birth month
 *   ~mi birth month + an initial
 *   ~i both initials   ~yi birth year + an initial   ~ed email domain   ~e3 start of email user
 *   ~ci town initial + a name initial   ~cy / ~cm / ~cd / ~yc town with year, month, day of birth
 * On large sets (over SMALL_SET_UP_TO records) the one-letter-deleted keys and the coarse keys
 * (initials, months, domains, town initials), whose blocks would exceed any budget there anyway,
 * are not made at all.
 */
export function blockingKeys(r: PreparedRecord, smallSet = true): string[] {
  const keys: string[] = [];
  const gc = r.givenCodes[0] ?? '';
  const sc = r.surnameCodes[0] ?? '';
  if (gc && sc) keys.push(gc < sc ? `n${gc}|${sc}` : `n${sc}|${gc}`);
  const dob = r.dob;
  if (dob && dob.m && dob.d) {
    keys.push(`d${r.dobKey}`);
    if (r.given) keys.push(`~md${dob.m}-${dob.d}g${r.given[0]}`);
    if (r.surname) keys.push(`~md${dob.m}-${dob.d}s${r.surname[0]}`);
  }
  if (dob) {
    if (gc) keys.push(`~ny${gc}|${dob.y}`);
    if (sc && sc !== gc) keys.push(`~ny${sc}|${dob.y}`);
  }
  for (const p of r.phones) keys.push(`p${p}`);
  if (r.email) keys.push(`e${r.email}`);
  if (r.emailUser.length >= 4) keys.push(`eu${r.emailUser}`);
  if (r.uprn) keys.push(`u${r.uprn}`);
  if (r.postcode) {
    if (r.surname) keys.push(`pcs${r.postcode.full}|${r.surname[0]}`);
    if (r.given) keys.push(`pcg${r.postcode.full}|${r.given[0]}`);
  }
  if (r.houseNumbers && r.street)
    keys.push(`a${r.houseNumbers}|${r.street.slice(0, 4)}|${r.surname[0] ?? ''}`);
  const tokens = new Set<string>();
  if (r.given) tokens.add(r.given);
  if (r.surname) tokens.add(r.surname);
  for (const t of r.emailUser.split(/[^a-z]+/)) if (t.length >= 4) tokens.add(t);
  for (const t of tokens) {
    keys.push(`~t${t}`);
    if (dob?.m) keys.push(`~tm${t}|${dob.m}`);
    if (t.length >= 4) {
      keys.push(`~l${[...t].sort().join('')}`, `~p${t.slice(0, 4)}`);
      if (smallSet) {
        keys.push(`~x${t}`);
        for (let c = 0; c < t.length; c++) keys.push(`~x${t.slice(0, c)}${t.slice(c + 1)}`);
      }
    }
  }
  if (!smallSet) {
    if (r.locality && dob) keys.push(`~cy${r.locality}|${dob.y}`);
    if (r.locality && dob?.d) keys.push(`~cd${r.locality}|${dob.d}`);
    return keys;
  }
  const initials = new Set<string>();
  if (r.given) initials.add(r.given[0]);
  if (r.surname) initials.add(r.surname[0]);
  if (r.given && r.surname)
    keys.push(
      r.given[0] < r.surname[0] ? `~i${r.given[0]}${r.surname[0]}` : `~i${r.surname[0]}${r.given[0]}`,
    );
  if (dob) for (const i of initials) keys.push(`~yi${dob.y}|${i}`);
  if (dob?.m) for (const i of initials) keys.push(`~mi${dob.m}|${i}`);
  const at = r.email.lastIndexOf('@');
  if (at > 0) keys.push(`~ed${r.email.slice(at + 1)}`);
  if (r.emailUser.length >= 3) keys.push(`~e3${r.emailUser.slice(0, 3)}`);
  if (r.locality) {
    for (const i of initials) keys.push(`~ci${r.locality[0]}|${i}`);
    if (dob) {
      keys.push(`~cy${r.locality}|${dob.y}`, `~yc${dob.y}|${r.locality[0]}`);
      if (dob.m) keys.push(`~cm${r.locality}|${dob.m}`);
      if (dob.d) keys.push(`~cd${r.locality}|${dob.d}`);
    }
  }
  return keys;
}

/** Sets up to this size also get the many and the coarse broad keys (see blockingKeys). */
export const SMALL_SET_UP_TO = 20_000;

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
  /** Broad-key blocks up to this size are used (from broadBlockLimit). */
  broadBlockLimit: number;
  /** Only pairs from different sources (linking two sets). */
  acrossSourcesOnly: boolean;
}

/**
 * The largest broad-key block size to use: blocks are admitted smallest first while the pairs they
 * add stay within max(`pairsPerRecord` x records, `minPairs`), and never above `hardCap`.
 */
export function broadBlockLimit(
  blocks: Map<string, number[]>,
  records: number,
  pairsPerRecord: number,
  minPairs: number,
  hardCap: number,
): number {
  const pairsBySize = new Map<number, number>();
  for (const [k, b] of blocks) {
    if (k.charCodeAt(0) !== 126 || b.length < 2 || b.length > hardCap) continue;
    pairsBySize.set(b.length, (pairsBySize.get(b.length) ?? 0) + (b.length * (b.length - 1)) / 2);
  }
  const budget = Math.max(pairsPerRecord * records, minPairs);
  let used = 0;
  let limit = 1;
  for (const size of [...pairsBySize.keys()].sort((x, y) => x - y)) {
    used += pairsBySize.get(size)!;
    if (used > budget) break;
    limit = size;
  }
  return limit;
}

/** Calls `visit(i, j)` once for every candidate pair i < j. */
export function forEachCandidatePair(
  records: readonly PreparedRecord[],
  index: BlockIndex,
  keys: readonly (readonly string[])[],
  options: BlockingOptions,
  visit: (i: number, j: number) => void,
): void {
  const stamp = new Int32Array(records.length).fill(-1);
  for (let i = 0; i < records.length; i++) {
    const src = records[i].source;
    for (const k of keys[i]) {
      const block = index.blocks.get(k)!;
      if (
        block.length < 2 ||
        block.length > (k.charCodeAt(0) === 126 ? options.broadBlockLimit : options.maxBlockSize)
      )
        continue;
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
