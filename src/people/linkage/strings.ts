let flagsA = new Uint8Array(64);
let flagsB = new Uint8Array(64);
let rowPrev = new Int32Array(64);
let rowCur = new Int32Array(64);

/** Jaro-Winkler similarity (prefix scale 0.1, prefix up to 4), in [0, 1]. Hand-written for speed on short names. */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return a.length ? 1 : 0;
  const la = a.length;
  const lb = b.length;
  if (!la || !lb) return 0;
  if (la > flagsA.length || lb > flagsB.length) {
    flagsA = new Uint8Array(Math.max(la, lb) * 2);
    flagsB = new Uint8Array(Math.max(la, lb) * 2);
  }
  const aMatch = flagsA;
  const bMatch = flagsB;
  aMatch.fill(0, 0, la);
  bMatch.fill(0, 0, lb);
  const half = (la > lb ? la : lb) >> 1;
  const window = half > 0 ? half - 1 : 0;
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const lo = i > window ? i - window : 0;
    const hiRaw = i + window;
    const hi = hiRaw < lb - 1 ? hiRaw : lb - 1;
    const c = a.charCodeAt(i);
    for (let j = lo; j <= hi; j++) {
      if (bMatch[j] === 0 && b.charCodeAt(j) === c) {
        aMatch[i] = 1;
        bMatch[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (!matches) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (aMatch[i] === 0) continue;
    while (bMatch[k] === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transpositions++;
    k++;
  }
  const m = matches;
  const jaro = (m / la + m / lb + (m - transpositions / 2) / m) / 3;
  let prefix = 0;
  const maxPrefix = la < lb ? (la < 4 ? la : 4) : lb < 4 ? lb : 4;
  while (prefix < maxPrefix && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/**
 * Jaro-Winkler when it can reach `threshold`, otherwise 0: an upper bound from the letters the
 * two strings share rules most unrelated pairs out without the full computation.
 */
export function jaroWinklerAtLeast(a: string, b: string, threshold: number): number {
  const la = a.length;
  const lb = b.length;
  if (!la || !lb) return 0;
  let maskB = 0;
  for (let j = 0; j < lb; j++) maskB |= 1 << (b.charCodeAt(j) & 31);
  let shared = 0;
  for (let i = 0; i < la; i++) if (maskB & (1 << (a.charCodeAt(i) & 31))) shared++;
  const m = shared < lb ? shared : lb;
  const jaroMax = (m / la + m / lb + 1) / 3;
  if (jaroMax + 0.4 * (1 - jaroMax) < threshold) return 0;
  return jaroWinkler(a, b);
}

/** Levenshtein distance, stopping early once it exceeds `max` (returns max + 1 then). */
export function levenshteinWithin(a: string, b: string, max: number): number {
  if (a === b) return 0;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  if (lb + 1 > rowPrev.length) {
    rowPrev = new Int32Array((lb + 1) * 2);
    rowCur = new Int32Array((lb + 1) * 2);
  }
  let prev = rowPrev;
  let cur = rowCur;
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const sub = prev[j - 1] + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      const del = prev[j] + 1;
      const ins = cur[j - 1] + 1;
      const v = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[lb];
}

/** Lower case, accents removed, anything but letters, digits and single spaces dropped. */
export function foldText(s: string | null | undefined): string {
  if (!s) return '';
  // eslint-disable-next-line no-control-regex
  const ascii = /^[\x00-\x7f]*$/.test(s) ? s : s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  return ascii
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
