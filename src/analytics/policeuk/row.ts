import { createHash } from 'node:crypto';
import { isInUk, toBng } from '../geo/bng.js';
import type { Boundary } from '../geo/boundary.js';
import { POLICE_UK_COLUMNS, type PoliceUkColumn } from './columns.js';

/** One police.uk crime (or ASB) row, typed. Coordinates are null for rows without a location. */
export interface PoliceUkCrime {
  /** Stable identity across re-imports: see `RowKeys`. */
  key: string;
  crimeId: string | null;
  /** YYYY-MM */
  month: string;
  reportedBy: string;
  fallsWithin: string;
  longitude: number | null;
  latitude: number | null;
  /** British National Grid metres. */
  easting: number | null;
  northing: number | null;
  location: string;
  lsoaCode: string | null;
  lsoaName: string | null;
  crimeType: string;
  lastOutcome: string | null;
  context: string | null;
  /** Line in the source file (the header is line 1). */
  line: number;
}

export type LocatedStatus = 'imported' | 'outside' | 'noLocation';

export interface PoliceUkRejection {
  line: number;
  /** The column at fault, or null when the whole row is (wrong number of fields). */
  column: PoliceUkColumn | null;
  reason: string;
  fields: string[];
}

export type PoliceUkRecord =
  | { status: LocatedStatus; crime: PoliceUkCrime }
  | { status: 'rejected'; rejection: PoliceUkRejection };

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;

/**
 * Stable row keys. A row with a Crime ID keys on it; police.uk sometimes repeats a Crime ID within
 * a month (several records of one crime at different points), so the n-th repeat (n >= 2) in file
 * order gets `<id>~n`. A row without one (anti-social behaviour) keys on a hash of its content
 * (every field but the outcome, which police.uk updates) plus its occurrence index among identical
 * rows of that month: genuine duplicates stay distinct, and importing the same file again gives
 * the same keys.
 */
export class RowKeys {
  private readonly seen = new Map<string, number>();

  keyFor(crimeId: string | null, month: string, contentFields: string[]): string {
    if (crimeId) {
      const n = this.bump(`${month}\u0000${crimeId}`);
      return n === 1 ? crimeId : `${crimeId}~${n}`;
    }
    const digest = createHash('sha256').update(contentFields.join('\u001f')).digest('hex').slice(0, 40);
    const n = this.bump(`${month}\u0000${digest}`);
    return `h:${digest}:${n}`;
  }

  private bump(k: string): number {
    const n = (this.seen.get(k) ?? 0) + 1;
    this.seen.set(k, n);
    return n;
  }
}

export interface ClassifyContext {
  index: Record<PoliceUkColumn, number>;
  keys: RowKeys;
  boundary?: Boundary;
}

/** Validates and classifies one data row. Pure apart from the key counter in `ctx.keys`. */
export function classifyRow(fields: string[], line: number, ctx: ClassifyContext): PoliceUkRecord {
  const reject = (column: PoliceUkColumn | null, reason: string): PoliceUkRecord => ({
    status: 'rejected',
    rejection: { line, column, reason, fields },
  });
  if (fields.length !== POLICE_UK_COLUMNS.length) {
    return reject(null, `expected ${POLICE_UK_COLUMNS.length} fields, found ${fields.length}`);
  }
  const get = (c: PoliceUkColumn) => (fields[ctx.index[c]] ?? '').trim();
  const month = get('Month');
  if (!MONTH.test(month)) return reject('Month', `month "${month}" is not YYYY-MM`);
  const crimeType = get('Crime type');
  if (!crimeType) return reject('Crime type', 'crime type is empty');

  const lonText = get('Longitude');
  const latText = get('Latitude');
  let lon: number | null = null;
  let lat: number | null = null;
  if (lonText || latText) {
    if (!lonText) return reject('Longitude', 'longitude is empty but latitude is given');
    if (!latText) return reject('Latitude', 'latitude is empty but longitude is given');
    if (!NUMBER.test(lonText)) return reject('Longitude', `longitude "${lonText}" is not a number`);
    if (!NUMBER.test(latText)) return reject('Latitude', `latitude "${latText}" is not a number`);
    lon = Number(lonText);
    lat = Number(latText);
    if (!isInUk(lon, lat)) {
      if (isInUk(lat, lon)) return reject('Latitude', `latitude ${latText} and longitude ${lonText} appear swapped`);
      return reject('Longitude', `coordinates ${lonText}, ${latText} are outside the UK`);
    }
  }

  const crimeId = get('Crime ID') || null;
  const contentFields = POLICE_UK_COLUMNS.filter((c) => c !== 'Last outcome category').map(get);
  let easting: number | null = null;
  let northing: number | null = null;
  if (lon !== null && lat !== null) [easting, northing] = toBng(lon, lat);
  const crime: PoliceUkCrime = {
    key: ctx.keys.keyFor(crimeId, month, contentFields),
    crimeId,
    month,
    reportedBy: get('Reported by'),
    fallsWithin: get('Falls within'),
    longitude: lon,
    latitude: lat,
    easting,
    northing,
    location: get('Location'),
    lsoaCode: get('LSOA code') || null,
    lsoaName: get('LSOA name') || null,
    crimeType,
    lastOutcome: get('Last outcome category') || null,
    context: get('Context') || null,
    line,
  };
  if (lon === null || lat === null) return { status: 'noLocation', crime };
  if (ctx.boundary && !ctx.boundary.containsLonLat(lon, lat)) return { status: 'outside', crime };
  return { status: 'imported', crime };
}
