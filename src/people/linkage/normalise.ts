import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { parse as parsePostcode } from 'postcode';
import doubleMetaphoneModule from 'talisman/phonetics/double-metaphone.js';
import { foldText } from './strings.js';
import { nicknameGroups } from './nicknames.js';
import type { PersonRecord } from './types.js';

const doubleMetaphone: (s: string) => [string, string] =
  (doubleMetaphoneModule as any).default ?? (doubleMetaphoneModule as any);

export interface PartialDate {
  y: number;
  /** 0 when unknown. */
  m: number;
  d: number;
}

export interface PostcodeParts {
  /** Normalised: 'SW1A 2AA' for UK postcodes, otherwise upper-case letters and digits. */
  full: string;
  uk: boolean;
  sector: string;
  district: string;
}

/** A record with every field normalised once, ready for fast comparison. */
export interface PreparedRecord {
  index: number;
  id: string;
  source: string;
  given: string;
  givenOthers: string[];
  givenGroups: readonly number[];
  givenCodes: string[];
  /** Letters of the given name in sorted order (typed with letters swapped still matches). */
  givenLetters: string;
  surname: string;
  surnameParts: string[];
  surnameCodes: string[];
  surnameLetters: string;
  dob: PartialDate | null;
  /** Days since 1970 of a full date of birth (NaN otherwise). */
  dobDays: number;
  dobKey: string;
  phones: string[];
  email: string;
  emailUser: string;
  /** The digits of the email user name (john.smith85 -> 85): a different number is another person. */
  emailDigits: string;
  address: string;
  houseNumbers: string;
  street: string;
  addressTokens: string[];
  postcode: PostcodeParts | null;
  uprn: string;
  locality: string;
  region: string;
  /** How much identifying information the record holds (see informationScore). */
  information: number;
}

const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'rev', 'master']);

/** Given-name tokens, folded, titles dropped. */
export function normaliseGivenNames(raw: string | null | undefined): string[] {
  return foldText(raw)
    .split(' ')
    .filter((t) => t && !TITLES.has(t));
}

/** Surname folded with spaces and hyphens removed, plus its parts (for double-barrelled names). */
export function normaliseSurname(raw: string | null | undefined): { surname: string; parts: string[] } {
  const parts = foldText(raw)
    .split(' ')
    .filter((t) => t && !TITLES.has(t));
  return { surname: parts.join(''), parts: parts.length > 1 ? parts : [] };
}

const phoneticCache = new Map<string, string[]>();

function phoneticCodes(name: string): string[] {
  if (!name || name.length < 2 || /\d/.test(name)) return [];
  let codes = phoneticCache.get(name);
  if (!codes) {
    const [p, s] = doubleMetaphone(name);
    codes = p === s || !s ? [p] : [p, s];
    if (phoneticCache.size > 200_000) phoneticCache.clear();
    phoneticCache.set(name, codes);
  }
  return codes;
}

function sortedLetters(s: string): string {
  return s.length > 3 ? [...s].sort().join('') : s;
}

/** Parses full or partial dates: YYYY-MM-DD, YYYYMMDD, YYYY-MM, YYYY, DD/MM/YYYY. Null if none. */
export function parseDob(raw: string | null | undefined): PartialDate | null {
  if (!raw) return null;
  const s = raw.trim();
  let m = /^(\d{4})-?(\d{2})-?(\d{2})(?:[T ].*)?$/.exec(s);
  if (m) return { y: +m[1], m: +m[2], d: +m[3] };
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) return { y: +m[3], m: +m[2], d: +m[1] };
  m = /^(\d{4})-(\d{1,2})$/.exec(s);
  if (m) return { y: +m[1], m: +m[2], d: 0 };
  m = /^(\d{4})$/.exec(s);
  if (m) return { y: +m[1], m: 0, d: 0 };
  return null;
}

/** Phone numbers in E.164 (default region GB); unparseable but long enough numbers are kept as digits. */
export function normalisePhone(raw: string | null | undefined, region: 'GB' = 'GB'): string | null {
  if (!raw) return null;
  // Fast path for the common UK forms (07700 900123, +44 7700 900123, +44 (0)20 7946 0958).
  const compact = raw.replace(/[\s().-]/g, '');
  let m = /^0([1-9]\d{9})$/.exec(compact);
  if (m) return `+44${m[1]}`;
  m = /^(?:\+|00)440?([1-9]\d{9})$/.exec(compact);
  if (m) return `+44${m[1]}`;
  const parsed = parsePhoneNumberFromString(raw, region);
  if (parsed && parsed.isPossible()) return parsed.number;
  const digits = raw.replace(/\D/g, '');
  return digits.length >= 7 ? digits : null;
}

/** UK postcodes to 'SW1A 2AA' form with sector and district; others to upper-case letters and digits. */
export function normalisePostcode(raw: string | null | undefined): PostcodeParts | null {
  if (!raw) return null;
  const compact = raw.toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (!compact) return null;
  const p = parsePostcode(compact);
  if (p.valid) return { full: p.postcode, uk: true, sector: p.sector, district: p.district };
  return { full: compact, uk: false, sector: '', district: '' };
}

const STREET_WORDS: Record<string, string> = {
  rd: 'road',
  ave: 'avenue',
  av: 'avenue',
  ln: 'lane',
  cl: 'close',
  cres: 'crescent',
  cr: 'crescent',
  ct: 'court',
  crt: 'court',
  dr: 'drive',
  drv: 'drive',
  pl: 'place',
  sq: 'square',
  gdns: 'gardens',
  gdn: 'garden',
  gr: 'grove',
  gro: 'grove',
  pk: 'park',
  tce: 'terrace',
  ter: 'terrace',
  hse: 'house',
  flt: 'flat',
  apt: 'apartment',
  mt: 'mount',
  wk: 'walk',
  est: 'estate',
  bldgs: 'buildings',
  cir: 'circuit',
  cct: 'circuit',
  hwy: 'highway',
  pde: 'parade',
  blvd: 'boulevard',
};
const UNIT_WORDS = new Set(['flat', 'apartment', 'unit', 'room', 'floor', 'no', 'number']);

export interface AddressParts {
  address: string;
  houseNumbers: string;
  street: string;
  tokens: string[];
}

/** Address lines folded, abbreviations expanded ('st' is 'street' at the end, 'saint' elsewhere). */
export function normaliseAddress(
  lines: readonly (string | null | undefined)[] | null | undefined,
  postcode?: string | null,
): AddressParts | null {
  if (!lines) return null;
  const pcFold = postcode ? foldText(postcode).replace(/ /g, '') : '';
  const folded: string[][] = [];
  for (const line of lines) {
    let tokens = foldText(line?.replace(/['\u2019]/g, ''))
      .split(' ')
      .filter(Boolean);
    if (pcFold && tokens.join('').endsWith(pcFold)) tokens = tokens.slice(0, -2);
    tokens = tokens.map((t, i) =>
      t === 'st' ? (i === tokens.length - 1 ? 'street' : 'saint') : (STREET_WORDS[t] ?? t),
    );
    if (tokens.length) folded.push(tokens);
  }
  if (!folded.length) return null;
  const all = folded.flat();
  const numbers = all.filter((t) => /^\d+[a-z]?$/.test(t));
  let street = '';
  for (const line of folded) {
    const words = line.filter((t) => !/\d/.test(t) && !UNIT_WORDS.has(t));
    if (words.length) {
      street = words.join(' ');
      break;
    }
  }
  const tokens = [...new Set(all.filter((t) => !UNIT_WORDS.has(t)))];
  return { address: all.join(' '), houseNumbers: numbers.join(' '), street, tokens };
}

/** Strips formatting from a UPRN (digits only, no leading zeros). */
export function normaliseUprn(raw: string | null | undefined): string {
  return raw ? raw.replace(/\D/g, '').replace(/^0+/, '') : '';
}

/**
 * Identifying information in a record: given name 0.5, surname 0.5, full date of birth 1
 * (year and month 0.5, year 0.25), phone 1, email 1, UPRN 1, address with house number 1
 * (without 0.5), postcode 0.5, town 0.25.
 */
export function informationScore(r: Omit<PreparedRecord, 'information'>): number {
  let s = 0;
  if (r.given) s += 0.5;
  if (r.surname) s += 0.5;
  if (r.dob) s += r.dob.d ? 1 : r.dob.m ? 0.5 : 0.25;
  if (r.phones.length) s += 1;
  if (r.email) s += 1;
  if (r.uprn) s += 1;
  else if (r.address) s += r.houseNumbers && r.street ? 1 : 0.5;
  if (r.postcode) s += 0.5;
  if (r.locality) s += 0.25;
  return s;
}

/** Normalises one record for comparison; `index` is its position in the set being linked. */
export function prepareRecord(rec: PersonRecord, index: number): PreparedRecord {
  const givenTokens = normaliseGivenNames(rec.givenName);
  const given = givenTokens[0] ?? '';
  const { surname, parts } = normaliseSurname(rec.surname);
  const dob = parseDob(rec.dob);
  const phones = [
    ...new Set((rec.phones ?? []).map((p) => normalisePhone(p)).filter((p): p is string => !!p)),
  ];
  const email = (rec.email ?? '').trim().toLowerCase();
  const postcode = normalisePostcode(rec.postcode);
  const addr = normaliseAddress(rec.addressLines, rec.postcode);
  const base: Omit<PreparedRecord, 'information'> = {
    index,
    id: rec.id,
    source: rec.source ?? '',
    given,
    givenOthers: givenTokens.slice(1),
    givenGroups: nicknameGroups(given),
    givenCodes: phoneticCodes(given),
    givenLetters: sortedLetters(given),
    surname,
    surnameParts: parts,
    surnameCodes: phoneticCodes(surname),
    surnameLetters: sortedLetters(surname),
    dob,
    dobDays: dob && dob.m && dob.d ? Date.UTC(dob.y, dob.m - 1, dob.d) / 86_400_000 : NaN,
    dobKey: dob ? `${dob.y}-${dob.m}-${dob.d}` : '',
    phones,
    email: email.includes('@') || email.length > 3 ? email : '',
    emailUser: email.includes('@') ? email.slice(0, email.lastIndexOf('@')) : email,
    emailDigits: (email.includes('@') ? email.slice(0, email.lastIndexOf('@')) : email).replace(/\D/g, ''),
    address: addr?.address ?? '',
    houseNumbers: addr?.houseNumbers ?? '',
    street: addr?.street ?? '',
    addressTokens: addr?.tokens ?? [],
    postcode,
    uprn: normaliseUprn(rec.uprn),
    locality: foldText(rec.city ?? rec.suburb),
    region: foldText(rec.state),
  };
  return { ...base, information: informationScore(base) };
}
