import { isInUk, toBng } from '../geo/bng.js';
import type { Boundary } from '../geo/boundary.js';
import { POLICE_UK_COLUMNS, type PoliceUkColumn } from './columns.js';
import type { RowKeys } from './row-keys.js';

export { RowKeys } from './row-keys.js';

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
  { status: LocatedStatus; crime: PoliceUkCrime } | { status: 'rejected'; rejection: PoliceUkRejection };

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;

export interface ClassifyContext {
  index: Record<PoliceUkColumn, number>;
  keys: RowKeys;
  boundary?: Boundary;
}

const cell = (fields: string[], ctx: ClassifyContext, column: PoliceUkColumn): string =>
  (fields[ctx.index[column]] ?? '').trim();

const rejection = (
  fields: string[],
  line: number,
  column: PoliceUkColumn | null,
  reason: string,
): PoliceUkRecord => ({
  status: 'rejected',
  rejection: { line, column, reason, fields },
});

const KEY_COLUMNS = POLICE_UK_COLUMNS.filter((c) => c !== 'Last outcome category');

/** Validates and classifies one data row. Pure apart from the key counter in `ctx.keys`. */
export function classifyRow(fields: string[], line: number, ctx: ClassifyContext): PoliceUkRecord {
  if (fields.length !== POLICE_UK_COLUMNS.length) {
    return rejection(
      fields,
      line,
      null,
      `expected ${POLICE_UK_COLUMNS.length} fields, found ${fields.length}`,
    );
  }
  const month = cell(fields, ctx, 'Month');
  if (!MONTH.test(month)) return rejection(fields, line, 'Month', `month "${month}" is not YYYY-MM`);
  const crimeType = cell(fields, ctx, 'Crime type');
  if (!crimeType) return rejection(fields, line, 'Crime type', 'crime type is empty');

  const lonText = cell(fields, ctx, 'Longitude');
  const latText = cell(fields, ctx, 'Latitude');
  let lon: number | null = null;
  let lat: number | null = null;
  if (lonText || latText) {
    if (!lonText) return rejection(fields, line, 'Longitude', 'longitude is empty but latitude is given');
    if (!latText) return rejection(fields, line, 'Latitude', 'latitude is empty but longitude is given');
    if (!NUMBER.test(lonText))
      return rejection(fields, line, 'Longitude', `longitude "${lonText}" is not a number`);
    if (!NUMBER.test(latText))
      return rejection(fields, line, 'Latitude', `latitude "${latText}" is not a number`);
    lon = Number(lonText);
    lat = Number(latText);
    if (!isInUk(lon, lat)) {
      if (isInUk(lat, lon))
        return rejection(
          fields,
          line,
          'Latitude',
          `latitude ${latText} and longitude ${lonText} appear swapped`,
        );
      return rejection(fields, line, 'Longitude', `coordinates ${lonText}, ${latText} are outside the UK`);
    }
  }

  const crimeId = cell(fields, ctx, 'Crime ID') || null;
  let easting: number | null = null;
  let northing: number | null = null;
  if (lon !== null && lat !== null) [easting, northing] = toBng(lon, lat);
  const crime: PoliceUkCrime = {
    key: ctx.keys.keyFor(crimeId, month, () => KEY_COLUMNS.map((c) => cell(fields, ctx, c))),
    crimeId,
    month,
    reportedBy: cell(fields, ctx, 'Reported by'),
    fallsWithin: cell(fields, ctx, 'Falls within'),
    longitude: lon,
    latitude: lat,
    easting,
    northing,
    location: cell(fields, ctx, 'Location'),
    lsoaCode: cell(fields, ctx, 'LSOA code') || null,
    lsoaName: cell(fields, ctx, 'LSOA name') || null,
    crimeType,
    lastOutcome: cell(fields, ctx, 'Last outcome category') || null,
    context: cell(fields, ctx, 'Context') || null,
    line,
  };
  if (lon === null || lat === null) return { status: 'noLocation', crime };
  if (ctx.boundary && !ctx.boundary.containsLonLat(lon, lat)) return { status: 'outside', crime };
  return { status: 'imported', crime };
}
