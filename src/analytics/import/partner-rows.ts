import { TZDate } from '@date-fns/tz';
import { isInUk, toBng, toWgs84 } from '../geo/bng.js';
import type { PartnershipAreas } from '../areas.js';
import type { PartnerField, PartnerKind, PartnerMapping } from './partner-fields.js';
import type { RowKeys } from '../policeuk/row-keys.js';

export interface PartnerRow {
  key: string;
  ref: string | null;
  category: string | null;
  month: string;
  day: string | null;
  /** UTC instant when a time of day is known. */
  at: string | null;
  lon: number;
  lat: number;
  x: number;
  y: number;
  areaCode: string | null;
  location: string | null;
  outcome: string | null;
  label: string | null;
  status: string | null;
}

export type PartnerRecord =
  | { status: 'imported' | 'outside'; row: PartnerRow }
  | { status: 'noLocation'; month: string | null }
  | { status: 'rejected'; column: string | null; reason: string };

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATETIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const SLASHED = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

const pad = (n: number) => String(n).padStart(2, '0');

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export type When =
  { month: string; day: string; at: string | null } | { error: string; column: 'date' | 'time' };

/** A partner's date (and time) as London day and month, and a UTC instant when a time is given. */
export function parseWhen(dateText: string, timeText: string, dayFirst: boolean): When {
  const d = dateText.trim();
  const t = timeText.trim();
  let y: number, mo: number, da: number;
  let hh: number | null = null;
  let mi = 0;
  let ss = 0;
  let zone: string | null = null;
  let m: RegExpExecArray | null;
  if ((m = ISO_DATE.exec(d))) [y, mo, da] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if ((m = ISO_DATETIME.exec(d))) {
    [y, mo, da, hh, mi, ss] = [
      Number(m[1]),
      Number(m[2]),
      Number(m[3]),
      Number(m[4]),
      Number(m[5]),
      Number(m[6] ?? 0),
    ];
    zone = m[7] ?? null;
  } else if ((m = SLASHED.exec(d))) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    [y, mo, da] = dayFirst ? [Number(m[3]), b, a] : [Number(m[3]), a, b];
    if (m[4] !== undefined) [hh, mi, ss] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
  } else {
    return {
      error: d ? `date "${d}" is not a date such as 2024-05-17 or 17/05/2024` : 'the date is empty',
      column: 'date',
    };
  }
  if (!validDate(y, mo, da))
    return {
      error: `date "${d}" is not a real date${dayFirst && SLASHED.test(d) ? ' (read as day/month/year)' : ''}`,
      column: 'date',
    };
  if (t) {
    const tm = TIME.exec(t);
    if (!tm) return { error: `time "${t}" is not a time such as 22:40`, column: 'time' };
    if (hh !== null)
      return { error: `the date "${d}" already has a time, and the time column says "${t}"`, column: 'time' };
    [hh, mi, ss] = [Number(tm[1]), Number(tm[2]), Number(tm[3] ?? 0)];
  }
  if (hh !== null && (hh > 23 || mi > 59 || ss > 59))
    return { error: `time ${pad(hh)}:${pad(mi)} is not a time of day`, column: t ? 'time' : 'date' };
  let at: string | null = null;
  let day = `${y}-${pad(mo)}-${pad(da)}`;
  if (hh !== null) {
    const ms = zone
      ? Date.parse(
          `${day}T${pad(hh)}:${pad(mi)}:${pad(ss)}${zone === 'Z' ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`,
        )
      : new TZDate(y, mo - 1, da, hh, mi, ss, 'Europe/London').getTime();
    at = new Date(ms).toISOString();
    if (zone) {
      // A time given with its own zone: the London day may differ.
      const local = new TZDate(ms, 'Europe/London');
      day = `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`;
    }
  }
  return { month: day.slice(0, 7), day, at };
}

export interface PartnerRowContext {
  kind: PartnerKind;
  mapping: PartnerMapping;
  /** Column index of each mapped field. */
  index: Partial<Record<PartnerField, number>>;
  header: readonly string[];
  areas: PartnershipAreas;
  keys: RowKeys;
}

/** Validates one partner row, names the column at fault, and places it inside or outside the area. */
export function classifyPartnerRow(fields: string[], ctx: PartnerRowContext): PartnerRecord {
  if (fields.length !== ctx.header.length)
    return {
      status: 'rejected',
      column: null,
      reason: `expected ${ctx.header.length} fields, found ${fields.length}`,
    };
  const get = (f: PartnerField) => {
    const i = ctx.index[f];
    return i === undefined ? '' : (fields[i] ?? '').trim();
  };
  const col = (f: PartnerField) => ctx.mapping.columns[f] ?? f;
  const reject = (f: PartnerField | null, reason: string): PartnerRecord => ({
    status: 'rejected',
    column: f ? col(f) : null,
    reason,
  });

  let when: When | null = null;
  if (ctx.kind === 'events') {
    when = parseWhen(get('date'), get('time'), ctx.mapping.dayFirst);
    if ('error' in when) return reject(when.column, when.error);
  }
  const ref = get('id') || null;
  if (ctx.kind !== 'events' && !ref) return reject('id', 'the asset reference is empty');

  let lon: number | null = null;
  let lat: number | null = null;
  if (ctx.index.latitude !== undefined) {
    const lonText = get('longitude');
    const latText = get('latitude');
    if (lonText || latText) {
      if (!lonText) return reject('longitude', 'longitude is empty but latitude is given');
      if (!latText) return reject('latitude', 'latitude is empty but longitude is given');
      if (!NUMBER.test(lonText)) return reject('longitude', `longitude "${lonText}" is not a number`);
      if (!NUMBER.test(latText)) return reject('latitude', `latitude "${latText}" is not a number`);
      [lon, lat] = [Number(lonText), Number(latText)];
      if (!isInUk(lon, lat)) {
        if (isInUk(lat, lon))
          return reject('latitude', `latitude ${latText} and longitude ${lonText} appear swapped`);
        return reject('longitude', `coordinates ${lonText}, ${latText} are outside the UK`);
      }
    }
  }
  if (lon === null && ctx.index.easting !== undefined) {
    const eText = get('easting');
    const nText = get('northing');
    if (eText || nText) {
      if (!eText) return reject('easting', 'easting is empty but northing is given');
      if (!nText) return reject('northing', 'northing is empty but easting is given');
      if (!NUMBER.test(eText)) return reject('easting', `easting "${eText}" is not a number`);
      if (!NUMBER.test(nText)) return reject('northing', `northing "${nText}" is not a number`);
      const [e, n] = [Number(eText), Number(nText)];
      if (Math.abs(e) <= 180 && Math.abs(n) <= 90)
        return reject(
          'easting',
          `easting ${eText} and northing ${nText} look like longitude and latitude, not British National Grid metres`,
        );
      const swappedInside = ctx.areas.boundary.containsBng(n, e);
      const inRange = e >= 0 && e <= 700_000 && n >= 0 && n <= 1_300_000;
      if (swappedInside && (!inRange || !ctx.areas.boundary.containsBng(e, n)))
        return reject('easting', `easting ${eText} and northing ${nText} appear swapped`);
      if (!inRange)
        return reject('easting', `easting ${eText}, northing ${nText} are outside the British National Grid`);
      [lon, lat] = toWgs84(e, n);
      if (!isInUk(lon, lat))
        return reject('easting', `easting ${eText}, northing ${nText} are outside the UK`);
    }
  }
  if (lon === null || lat === null)
    return { status: 'noLocation', month: when && !('error' in when) ? when.month : null };

  const [x, y] = toBng(lon, lat);
  const okWhen = when && !('error' in when) ? when : null;
  const month = okWhen?.month ?? '0000-00';
  const key = ctx.keys.keyFor(ref, ctx.kind === 'events' ? month : 'asset', () => fields);
  const row: PartnerRow = {
    key,
    ref,
    category: get('category') || null,
    month,
    day: okWhen?.day ?? null,
    at: okWhen?.at ?? null,
    lon,
    lat,
    x,
    y,
    areaCode:
      ctx.areas.areas.find((a) => a.boundary.containsLonLat(lon as number, lat as number))?.code ?? null,
    location: get('location') || null,
    outcome: get('outcome') || null,
    label: get('label') || null,
    status: get('status') || null,
  };
  return { status: ctx.areas.boundary.containsLonLat(lon, lat) ? 'imported' : 'outside', row };
}
