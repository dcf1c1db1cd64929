import { parse } from 'csv-parse/sync';

export class PointsFormatError extends Error {}

export interface ValuedPoints {
  xs: Float64Array;
  ys: Float64Array;
  values: Float64Array;
}

/** Reads points with values from CSV with a header naming columns x, y and value (any order). */
export function parseValuedPointsCsv(text: string): ValuedPoints {
  const rows: string[][] = parse(text, {
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
    trim: true,
  });
  if (rows.length === 0)
    throw new PointsFormatError('the points file is empty: expected a header x, y, value');
  const header = rows[0].map((h) => h.toLowerCase());
  const col = { x: header.indexOf('x'), y: header.indexOf('y'), value: header.indexOf('value') };
  const missing = (Object.keys(col) as (keyof typeof col)[]).filter((k) => col[k] < 0);
  if (missing.length)
    throw new PointsFormatError(
      `the points file needs a header with columns x, y, value; missing ${missing.join(', ')} (found: ${rows[0].join(', ')})`,
    );
  const n = rows.length - 1;
  const out: ValuedPoints = { xs: new Float64Array(n), ys: new Float64Array(n), values: new Float64Array(n) };
  for (let k = 0; k < n; k++) {
    const row = rows[k + 1];
    for (const name of ['x', 'y', 'value'] as const) {
      const text = row[col[name]] ?? '';
      const v = Number(text);
      if (text === '' || !Number.isFinite(v))
        throw new PointsFormatError(`line ${k + 2}: ${name} "${text}" is not a number`);
      out[name === 'x' ? 'xs' : name === 'y' ? 'ys' : 'values'][k] = v;
    }
  }
  return out;
}
