import { jaroWinklerAtLeast, levenshteinWithin } from './strings.js';
import { shareGroup } from './nicknames.js';
import type { PartialDate, PreparedRecord } from './normalise.js';

/** Level code for "one side is missing": the comparison adds no evidence. */
export const NULL_LEVEL = -1;

export interface ComparisonDef {
  name: string;
  /** Ordered best first; the last is "different". */
  levels: readonly string[];
  /** Exact agreement is weighted by how common the shared value is. */
  tfAdjusted: boolean;
  /** Single-valued fields: u of exact agreement can be computed from value counts. */
  singleValued: boolean;
}

export const GIVEN = 0;
export const SURNAME = 1;
export const DOB = 2;
export const PHONE = 3;
export const EMAIL = 4;
export const ADDRESS = 5;
export const POSTCODE = 6;
export const UPRN = 7;
export const LOCALITY = 8;
export const REGION = 9;

export const COMPARISONS: readonly ComparisonDef[] = [
  {
    name: 'given_name',
    levels: [
      'exact',
      'nickname or other given name',
      'similar (JW >= 0.92)',
      'sounds alike',
      'similar (JW >= 0.80) or same letters',
      'initial',
      'swapped with surname',
      "in the other's email user name",
      'different',
    ],
    tfAdjusted: true,
    singleValued: true,
  },
  {
    name: 'surname',
    levels: [
      'exact',
      'similar (JW >= 0.92)',
      'part of a double-barrelled name',
      'sounds alike',
      'similar (JW >= 0.80) or same letters',
      "in the other's email user name",
      'different',
    ],
    tfAdjusted: true,
    singleValued: true,
  },
  {
    name: 'date_of_birth',
    levels: [
      'exact',
      'day and month transposed',
      'one of day, month, year differs',
      'at most two digits different',
      'partial date agrees',
      'within a month',
      'within a year',
      'year agrees',
      'within ten years',
      'different',
    ],
    tfAdjusted: true,
    singleValued: true,
  },
  {
    name: 'phone',
    levels: ['exact', 'one digit different', 'different'],
    tfAdjusted: true,
    singleValued: false,
  },
  {
    name: 'email',
    levels: [
      'exact',
      'same user name',
      'within two edits (same digits)',
      'user name within two edits (same digits)',
      'different',
    ],
    tfAdjusted: true,
    singleValued: true,
  },
  {
    name: 'address',
    levels: ['exact', 'same house number and street', 'same street or most words', 'different'],
    tfAdjusted: true,
    singleValued: true,
  },
  {
    name: 'postcode',
    levels: ['exact', 'same sector or one character different', 'same district', 'different'],
    tfAdjusted: true,
    singleValued: true,
  },
  { name: 'uprn', levels: ['exact', 'different'], tfAdjusted: false, singleValued: true },
  {
    name: 'town',
    levels: ['exact', 'similar (JW >= 0.88)', 'different'],
    tfAdjusted: true,
    singleValued: true,
  },
  { name: 'region', levels: ['exact', 'different'], tfAdjusted: true, singleValued: true },
];

export const K = COMPARISONS.length;

const G_EXACT = 0;
const G_NICK = 1;
const G_JW92 = 2;
const G_PHON = 3;
const G_JW80 = 4;
const G_INITIAL = 5;
const G_SWAPPED = 6;
const G_IN_EMAIL = 7;
const G_ELSE = 8;

const S_EXACT = 0;
const S_JW92 = 1;
const S_PART = 2;
const S_PHON = 3;
const S_JW80 = 4;
const S_IN_EMAIL = 5;
const S_ELSE = 6;

function shareCode(a: readonly string[], b: readonly string[]): boolean {
  for (const x of a) if (b.includes(x)) return true;
  return false;
}

export function givenLevel(a: PreparedRecord, b: PreparedRecord): number {
  const x = a.given;
  const y = b.given;
  if (!x || !y) return NULL_LEVEL;
  if (x === y) return G_EXACT;
  if (x.length === 1 || y.length === 1) return x[0] === y[0] ? G_INITIAL : G_ELSE;
  if (shareGroup(a.givenGroups, b.givenGroups) || a.givenOthers.includes(y) || b.givenOthers.includes(x))
    return G_NICK;
  const jw = jaroWinklerAtLeast(x, y, 0.8);
  if (jw >= 0.92) return G_JW92;
  if (shareCode(a.givenCodes, b.givenCodes)) return G_PHON;
  if (jw >= 0.8 || (x.length > 3 && a.givenLetters === b.givenLetters)) return G_JW80;
  return G_ELSE;
}

export function surnameLevel(
  x: string,
  xParts: readonly string[],
  xCodes: readonly string[],
  xLetters: string,
  y: string,
  yParts: readonly string[],
  yCodes: readonly string[],
  yLetters: string,
): number {
  if (!x || !y) return NULL_LEVEL;
  if (x === y) return S_EXACT;
  const jw = jaroWinklerAtLeast(x, y, 0.8);
  if (jw >= 0.92) return S_JW92;
  if (
    (xParts.length && (xParts.includes(y) || xParts.some((p) => yParts.includes(p)))) ||
    (yParts.length && yParts.includes(x))
  )
    return S_PART;
  if (shareCode(xCodes, yCodes)) return S_PHON;
  if (jw >= 0.8 || (x.length > 3 && xLetters === yLetters)) return S_JW80;
  return S_ELSE;
}

/** Given-name level for a given name compared with the other record's surname (a swapped pair). */
function crossedGivenLevel(surnameScale: number, x: string, y: string): number {
  if (surnameScale === NULL_LEVEL) return NULL_LEVEL;
  if (surnameScale === S_ELSE) return G_ELSE;
  if (surnameScale === S_EXACT || surnameScale === S_PART) return G_SWAPPED;
  if (surnameScale === S_JW92) return x.length > 2 && y.length > 2 ? G_SWAPPED : G_JW80;
  return surnameScale === S_PHON ? G_PHON : G_JW80;
}

const D_EXACT = 0;
const D_TRANSPOSED = 1;
const D_ONE_PART = 2;
const D_TWO_DIGITS = 3;
const D_PARTIAL = 4;
const D_MONTH_CLOSE = 5;
const D_YEAR_CLOSE = 6;
const D_YEAR = 7;
const D_DECADE = 8;
const D_ELSE = 9;

/** Digits that differ between two dates written as YYYYMMDD (a mistyped decade and day stays two). */
export function dateDigitsDifferent(a: PartialDate, b: PartialDate): number {
  let x = a.y * 10000 + a.m * 100 + a.d;
  let y = b.y * 10000 + b.m * 100 + b.d;
  let n = 0;
  for (let i = 0; i < 8; i++) {
    if (x % 10 !== y % 10) n++;
    x = Math.floor(x / 10);
    y = Math.floor(y / 10);
  }
  return n;
}

export function dobLevel(a: PreparedRecord, b: PreparedRecord): number {
  const A = a.dob;
  const B = b.dob;
  if (!A || !B) return NULL_LEVEL;
  if (A.m && B.m && A.d && B.d) {
    const ye = A.y === B.y;
    const me = A.m === B.m;
    const de = A.d === B.d;
    if (ye && me && de) return D_EXACT;
    if (ye && A.m === B.d && A.d === B.m) return D_TRANSPOSED;
    if (+ye + +me + +de === 2) return D_ONE_PART;
    if (dateDigitsDifferent(A, B) <= 2) return D_TWO_DIGITS;
    const days = Math.abs(a.dobDays - b.dobDays);
    if (days <= 31) return D_MONTH_CLOSE;
    if (days <= 366) return D_YEAR_CLOSE;
    if (ye) return D_YEAR;
    return Math.abs(A.y - B.y) <= 10 ? D_DECADE : D_ELSE;
  }
  if (A.y === B.y) return A.m && B.m && A.m === B.m ? D_PARTIAL : D_YEAR;
  return Math.abs(A.y - B.y) <= 10 ? D_DECADE : D_ELSE;
}

export function phoneLevel(a: PreparedRecord, b: PreparedRecord): number {
  if (!a.phones.length || !b.phones.length) return NULL_LEVEL;
  for (const p of a.phones) if (b.phones.includes(p)) return 0;
  for (const p of a.phones)
    for (const q of b.phones) if (p.length === q.length && levenshteinWithin(p, q, 1) <= 1) return 1;
  return 2;
}

export function emailLevel(a: PreparedRecord, b: PreparedRecord): number {
  if (!a.email || !b.email) return NULL_LEVEL;
  if (a.email === b.email) return 0;
  if (a.emailUser.length >= 3 && a.emailUser === b.emailUser) return 1;
  // A typo, not another number: john.smith12 and john.smith45 are usually two people.
  if (a.emailDigits !== b.emailDigits) return 4;
  if (levenshteinWithin(a.email, b.email, 2) <= 2) return 2;
  return a.emailUser.length >= 4 &&
    b.emailUser.length >= 4 &&
    levenshteinWithin(a.emailUser, b.emailUser, 2) <= 2
    ? 3
    : 4;
}

function tokenOverlap(a: readonly string[], b: readonly string[]): number {
  if (!a.length || !b.length) return 0;
  let shared = 0;
  for (const t of a) if (b.includes(t)) shared++;
  return shared / Math.min(a.length, b.length);
}

export function addressLevel(a: PreparedRecord, b: PreparedRecord): number {
  if (!a.address || !b.address) return NULL_LEVEL;
  if (a.address === b.address) return 0;
  const streetSimilar =
    !!a.street && !!b.street && (a.street === b.street || jaroWinklerAtLeast(a.street, b.street, 0.9) >= 0.9);
  if (streetSimilar && a.houseNumbers && a.houseNumbers === b.houseNumbers) return 1;
  if (streetSimilar || tokenOverlap(a.addressTokens, b.addressTokens) >= 0.6) return 2;
  return 3;
}

export function postcodeLevel(a: PreparedRecord, b: PreparedRecord): number {
  const A = a.postcode;
  const B = b.postcode;
  if (!A || !B) return NULL_LEVEL;
  if (A.full === B.full) return 0;
  if (A.uk && B.uk) {
    if (A.sector === B.sector) return 1;
    return A.district === B.district ? 2 : 3;
  }
  return levenshteinWithin(A.full.replace(' ', ''), B.full.replace(' ', ''), 1) <= 1 ? 1 : 3;
}

export function localityLevel(a: PreparedRecord, b: PreparedRecord): number {
  if (!a.locality || !b.locality) return NULL_LEVEL;
  if (a.locality === b.locality) return 0;
  return jaroWinklerAtLeast(a.locality, b.locality, 0.88) >= 0.88 ? 1 : 2;
}

/**
 * When only one record has the name, whether it is written in the other record's email user name
 * (muhammadp5@... for Muhammad): evidence where the name comparison would have none.
 */
function nameInEmail(x: string, y: string, a: PreparedRecord, b: PreparedRecord): boolean {
  if (x && !y) return nameInUser(x, b.emailUser);
  if (y && !x) return nameInUser(y, a.emailUser);
  return false;
}

/** A name of 4+ letters anywhere in the user name; a 3-letter name only as a whole word (ian, not brian). */
function nameInUser(name: string, user: string): boolean {
  if (name.length < 3 || !user) return false;
  const at = user.indexOf(name);
  if (at < 0) return false;
  if (name.length >= 4) return true;
  for (let i = at; i >= 0; i = user.indexOf(name, i + 1)) {
    const before = i === 0 || !/[a-z]/.test(user[i - 1]);
    const after = i + name.length === user.length || !/[a-z]/.test(user[i + name.length]);
    if (before && after) return true;
  }
  return false;
}

/** Fills `out[0..K)` with each comparison's level for the pair (NULL_LEVEL when a side is missing). */
export function compareRecords(a: PreparedRecord, b: PreparedRecord, out: Int8Array, offset = 0): void {
  let g = givenLevel(a, b);
  let s = surnameLevel(
    a.surname,
    a.surnameParts,
    a.surnameCodes,
    a.surnameLetters,
    b.surname,
    b.surnameParts,
    b.surnameCodes,
    b.surnameLetters,
  );
  if (
    (g === NULL_LEVEL || g === G_ELSE) &&
    (s === NULL_LEVEL || s === S_ELSE) &&
    (g !== NULL_LEVEL || s !== NULL_LEVEL)
  ) {
    // Names written in each other's fields: compare across, and use that when some crossed pair
    // agrees (exactly or with a typo) and no more crossed pairs than straight ones disagree.
    const cg = surnameLevel(
      a.given,
      [],
      a.givenCodes,
      a.givenLetters,
      b.surname,
      b.surnameParts,
      b.surnameCodes,
      b.surnameLetters,
    );
    const cs = surnameLevel(
      a.surname,
      a.surnameParts,
      a.surnameCodes,
      a.surnameLetters,
      b.given,
      [],
      b.givenCodes,
      b.givenLetters,
    );
    const agreeCrossed = +(cg !== NULL_LEVEL && cg !== S_ELSE) + +(cs !== NULL_LEVEL && cs !== S_ELSE);
    const differCrossed = +(cg === S_ELSE) + +(cs === S_ELSE);
    const differStraight = +(g === G_ELSE) + +(s === S_ELSE);
    if (agreeCrossed > 0 && differCrossed <= differStraight) {
      g = crossedGivenLevel(cg, a.given, b.surname);
      s = cs;
    }
  }
  if (g === NULL_LEVEL && nameInEmail(a.given, b.given, a, b)) g = G_IN_EMAIL;
  if (s === NULL_LEVEL && nameInEmail(a.surname, b.surname, a, b)) s = S_IN_EMAIL;
  out[offset + GIVEN] = g;
  out[offset + SURNAME] = s;
  out[offset + DOB] = dobLevel(a, b);
  out[offset + PHONE] = phoneLevel(a, b);
  out[offset + EMAIL] = emailLevel(a, b);
  out[offset + ADDRESS] = addressLevel(a, b);
  out[offset + POSTCODE] = postcodeLevel(a, b);
  out[offset + UPRN] = a.uprn && b.uprn ? (a.uprn === b.uprn ? 0 : 1) : NULL_LEVEL;
  out[offset + LOCALITY] = localityLevel(a, b);
  out[offset + REGION] = a.region && b.region ? (a.region === b.region ? 0 : 1) : NULL_LEVEL;
}

/** The values a record holds for each term-frequency table (index by comparison). */
export function termValues(r: PreparedRecord, k: number): readonly string[] {
  switch (k) {
    case GIVEN:
      return r.given ? [r.given] : [];
    case SURNAME:
      return r.surname ? [r.surname] : [];
    case DOB:
      return r.dob && r.dob.m && r.dob.d ? [r.dobKey] : [];
    case PHONE:
      return r.phones;
    case EMAIL:
      return r.email ? [r.email] : [];
    case ADDRESS:
      return r.address ? [r.address] : [];
    case POSTCODE:
      return r.postcode ? [r.postcode.full] : [];
    case UPRN:
      return r.uprn ? [r.uprn] : [];
    case LOCALITY:
      return r.locality ? [r.locality] : [];
    case REGION:
      return r.region ? [r.region] : [];
    default:
      return [];
  }
}

/** The shared value behind an exact agreement on comparison k (for its term frequency). */
export function sharedValue(a: PreparedRecord, b: PreparedRecord, k: number): string {
  if (k === PHONE) return a.phones.find((p) => b.phones.includes(p)) ?? '';
  return termValues(a, k)[0] ?? '';
}
