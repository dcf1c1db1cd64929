import { parse } from 'csv-parse/sync';

export interface NearRepeatEvents {
  xs: Float64Array;
  ys: Float64Array;
  /** Whole days since 1970-01-01 (UTC calendar dates). */
  days: Float64Array;
}

export class EventsFormatError extends Error {}

export interface EventsCsvOptions {
  /** Read slashed dates as month/day/year (US, as the Near Repeat Calculator wants) rather than day/month/year. */
  monthFirst?: boolean;
}

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/;
const SLASHED = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[T ].*)?$/;
const YMD_SLASHED = /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?:[T ].*)?$/;

/**
 * A calendar date to whole days since 1970-01-01. Accepts YYYY-MM-DD and YYYY/MM/DD (a time after
 * the date is ignored), and DD/MM/YYYY (or MM/DD/YYYY with `monthFirst`). Returns null when the
 * text is not such a date or names an impossible day.
 */
export function parseDay(text: string, monthFirst = false): number | null {
  const t = text.trim();
  let y: number, m: number, d: number;
  let match = ISO.exec(t) ?? YMD_SLASHED.exec(t);
  if (match) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else if ((match = SLASHED.exec(t))) {
    const [a, b] = [Number(match[1]), Number(match[2])];
    [d, m] = monthFirst ? [b, a] : [a, b];
    y = Number(match[3]);
  } else {
    return null;
  }
  const ms = Date.UTC(y, m - 1, d);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return null;
  return ms / 86_400_000;
}

/**
 * Reads near-repeat events from CSV: x, y, date. A header row is optional; when present the
 * columns are found by name (x / y / date, case-insensitive), otherwise they are the first three.
 */
export function parseEventsCsv(text: string, options: EventsCsvOptions = {}): NearRepeatEvents {
  const rows: string[][] = parse(text, {
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
    trim: true,
  });
  if (rows.length === 0) throw new EventsFormatError('the events file is empty: expected rows of x, y, date');
  let cols = { x: 0, y: 1, date: 2 };
  let start = 0;
  if (!Number.isFinite(Number(rows[0][0])) || rows[0][0] === '') {
    const header = rows[0].map((h) => h.toLowerCase());
    const find = (names: string[]) => header.findIndex((h) => names.includes(h));
    cols = {
      x: find(['x', 'easting']),
      y: find(['y', 'northing']),
      date: find(['date', 'day', 'time', 'datetime']),
    };
    if (cols.x < 0 || cols.y < 0 || cols.date < 0) {
      throw new EventsFormatError(
        `the events header must name columns x, y and date; found: ${rows[0].join(', ')}`,
      );
    }
    start = 1;
  }
  const n = rows.length - start;
  const events: NearRepeatEvents = {
    xs: new Float64Array(n),
    ys: new Float64Array(n),
    days: new Float64Array(n),
  };
  for (let k = 0; k < n; k++) {
    const row = rows[k + start];
    const line = k + start + 1;
    const x = Number(row[cols.x]);
    const y = Number(row[cols.y]);
    if (row[cols.x] === undefined || row[cols.x] === '' || !Number.isFinite(x))
      throw new EventsFormatError(`line ${line}: x "${row[cols.x] ?? ''}" is not a number`);
    if (row[cols.y] === undefined || row[cols.y] === '' || !Number.isFinite(y))
      throw new EventsFormatError(`line ${line}: y "${row[cols.y] ?? ''}" is not a number`);
    const day = parseDay(row[cols.date] ?? '', options.monthFirst);
    if (day === null) {
      throw new EventsFormatError(
        `line ${line}: date "${row[cols.date] ?? ''}" is not YYYY-MM-DD or ${options.monthFirst ? 'MM/DD/YYYY' : 'DD/MM/YYYY'}`,
      );
    }
    events.xs[k] = x;
    events.ys[k] = y;
    events.days[k] = day;
  }
  return events;
}
