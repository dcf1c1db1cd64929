import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { PersonRecord } from '../types.js';

/** Thrown for unusable input; the command turns it into a CliError (exit code 2). */
export class InputError extends Error {}

export const FIELDS = [
  'id',
  'given_name',
  'surname',
  'dob',
  'street_number',
  'address_1',
  'address_2',
  'city',
  'suburb',
  'state',
  'postcode',
  'email',
  'phone',
  'uprn',
] as const;
export type Field = (typeof FIELDS)[number];

const ALIASES: Record<Field, string[]> = {
  id: ['rec_id', 'unique_id', 'id', 'record_id', 'person_id'],
  given_name: ['given_name', 'first_name', 'firstname', 'forename', 'forenames', 'given_names', 'given'],
  surname: ['surname', 'last_name', 'lastname', 'family_name'],
  dob: ['date_of_birth', 'dob', 'birth_date', 'dateofbirth', 'birthdate'],
  street_number: ['street_number', 'house_number', 'building_number'],
  address_1: ['address_1', 'address1', 'address_line_1', 'address', 'street', 'street_address'],
  address_2: ['address_2', 'address2', 'address_line_2'],
  city: ['city', 'town', 'town_city', 'birth_place'],
  suburb: ['suburb', 'locality'],
  state: ['state', 'county', 'region'],
  postcode: ['postcode', 'post_code', 'postal_code', 'zip', 'zipcode', 'postcode_fake'],
  email: ['email', 'email_address', 'e_mail'],
  phone: ['phone', 'telephone', 'mobile', 'phone_number', 'tel', 'landline'],
  uprn: ['uprn'],
};

/** Known columns never used: national identifiers (never used for matching), and derived or unrelated fields. */
const NEVER_USED = new Set([
  'soc_sec_id',
  'ssn',
  'social_security_number',
  'national_insurance_number',
  'ni_number',
  'nino',
  'nhs_number',
  'full_name',
  'first_and_surname',
  'gender',
  'sex',
  'occupation',
  'source_dataset',
  'match_key',
]);

export type Truth = { kind: 'febrl' } | { kind: 'column'; name: string };

export function parseTruth(spec: string): Truth {
  if (spec === 'febrl') return { kind: 'febrl' };
  const m = /^column:(.+)$/.exec(spec);
  if (m) return { kind: 'column', name: m[1].trim().toLowerCase() };
  throw new InputError(`--truth must be "febrl" or "column:NAME", not "${spec}"`);
}

/** Parses --map "given_name=forename,dob=birth" into field -> column (field "ignore" drops a column). */
export function parseMap(spec: string | undefined): {
  map: Partial<Record<Field, string>>;
  ignore: string[];
} {
  const map: Partial<Record<Field, string>> = {};
  const ignore: string[] = [];
  if (!spec) return { map, ignore };
  for (const part of spec.split(',')) {
    const [field, column] = part.split('=').map((s) => s?.trim().toLowerCase());
    if (!field || !column) throw new InputError(`--map entries must be field=column, not "${part}"`);
    if (field === 'ignore') ignore.push(column);
    else if ((FIELDS as readonly string[]).includes(field)) map[field as Field] = column;
    else throw new InputError(`--map: unknown field "${field}"; fields are ${FIELDS.join(', ')}, ignore`);
  }
  return { map, ignore };
}

export interface LoadedFile {
  records: PersonRecord[];
  truth: string[];
}

function truthOf(row: string[], header: string[], truth: Truth, idCol: number, line: number): string {
  if (truth.kind === 'febrl') {
    const id = row[idCol] ?? '';
    const m = /^rec-(\d+)-(?:org|dup-\d+)$/.exec(id);
    if (!m)
      throw new InputError(
        `line ${line}: record id "${id}" is not in FEBRL form rec-N-org / rec-N-dup-K (use --truth column:NAME?)`,
      );
    return m[1];
  }
  const col = header.indexOf(truth.name);
  const v = row[col];
  if (!v) throw new InputError(`line ${line}: no truth value in column "${truth.name}"`);
  return v;
}

/** Reads one CSV file of people, mapping known column names (FEBRL or Splink style) automatically. */
export function loadPeopleCsv(file: string, truth: Truth, mapSpec?: string, source = ''): LoadedFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read ${file}: ${(e as Error).message}`);
  }
  if (!text.trim()) throw new InputError(`${file} is empty`);
  let rows: string[][];
  try {
    rows = parse(text, { trim: true, skip_empty_lines: true, bom: true, relax_quotes: true });
  } catch (e) {
    throw new InputError(`${file} is not valid CSV: ${(e as Error).message}`);
  }
  if (rows.length < 2) throw new InputError(`${file} has a header but no records`);
  const header = rows[0].map((h) => h.trim().toLowerCase());
  if (header.length < 2)
    throw new InputError(
      `${file} has only one column ("${rows[0][0]}"); expected comma-separated columns with a header`,
    );
  if (new Set(header).size !== header.length) throw new InputError(`${file} has repeated column names`);
  const { map, ignore } = parseMap(mapSpec);
  const col: Partial<Record<Field, number>> = {};
  const used = new Set<string>(ignore);
  for (const field of FIELDS) {
    if (map[field]) {
      const at = header.indexOf(map[field]!);
      if (at < 0) throw new InputError(`--map ${field}=${map[field]}: ${file} has no column "${map[field]}"`);
      col[field] = at;
      used.add(map[field]!);
      continue;
    }
    const alias = ALIASES[field].find((a) => header.includes(a) && !Object.values(map).includes(a));
    if (alias) col[field] = header.indexOf(alias);
    for (const a of ALIASES[field]) if (header.includes(a)) used.add(a);
  }
  const phoneCols = header.map((h, i) => (ALIASES.phone.includes(h) ? i : -1)).filter((i) => i >= 0);
  if (truth.kind === 'column') {
    if (!header.includes(truth.name))
      throw new InputError(`${file} has no truth column "${truth.name}" (columns: ${header.join(', ')})`);
    used.add(truth.name);
  }
  const unknown = header.filter((h) => !used.has(h) && !NEVER_USED.has(h) && !h.startsWith('postcode'));
  if (unknown.length) {
    throw new InputError(
      `${file}: unknown column(s) ${unknown.join(', ')}; map them with --map field=column or drop them with --map ignore=column`,
    );
  }
  if (col.id === undefined)
    throw new InputError(`${file} has no record id column (rec_id or unique_id); use --map id=column`);
  if (
    col.given_name === undefined &&
    col.surname === undefined &&
    col.dob === undefined &&
    col.email === undefined &&
    !phoneCols.length
  ) {
    throw new InputError(`${file} has none of the person columns (names, date of birth, email, phone)`);
  }
  const records: PersonRecord[] = [];
  const truthLabels: string[] = [];
  const get = (row: string[], f: Field) => (col[f] === undefined ? null : row[col[f]!] || null);
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r];
    if (row.length !== header.length)
      throw new InputError(`${file} line ${r + 1}: ${row.length} fields, expected ${header.length}`);
    const line1 = [get(row, 'street_number'), get(row, 'address_1')].filter(Boolean).join(' ');
    const lines = [line1, get(row, 'address_2') ?? ''].filter(Boolean);
    records.push({
      id: `${source}${get(row, 'id') ?? r}`,
      givenName: get(row, 'given_name'),
      surname: get(row, 'surname'),
      dob: get(row, 'dob'),
      phones: phoneCols.map((c) => row[c]).filter(Boolean),
      email: get(row, 'email'),
      addressLines: lines.length ? lines : null,
      postcode: get(row, 'postcode'),
      uprn: get(row, 'uprn'),
      city: get(row, 'city'),
      suburb: get(row, 'suburb'),
      state: get(row, 'state'),
      source: source || null,
    });
    truthLabels.push(truthOf(row, header, truth, col.id, r + 1));
  }
  return { records, truth: truthLabels };
}
