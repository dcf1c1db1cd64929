import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { Boundary } from '../geo/boundary.js';
import { mapPoliceUkHeader, PoliceUkFormatError } from './columns.js';
import { classifyRow, RowKeys, type PoliceUkCrime, type PoliceUkRecord, type PoliceUkRejection } from './row.js';

export interface PoliceUkProgress {
  /** Data rows read so far. */
  rows: number;
  /** Bytes read from the source so far. */
  bytes: number;
  /** Size of the source when known (files). */
  totalBytes: number | null;
}

export interface PoliceUkParseOptions {
  /** Rows outside it are classified `outside`; without a boundary every located row is imported. */
  boundary?: Boundary;
  onProgress?: (progress: PoliceUkProgress) => void;
  /** Rows between progress calls (a last call is always made at the end). Default 10,000. */
  progressEvery?: number;
  /** Named in error messages. */
  fileName?: string;
  totalBytes?: number;
  /**
   * Shares key counters across several files of one import, so identical ASB rows of the same
   * month split across files still get distinct keys. One per parse by default.
   */
  keys?: RowKeys;
}

export interface PoliceUkParseSummary {
  rows: number;
  imported: number;
  outside: number;
  noLocation: number;
  rejected: number;
  /** Distinct months seen in valid rows, sorted. */
  months: string[];
}

export interface PoliceUkParseResult {
  imported: PoliceUkCrime[];
  outside: PoliceUkCrime[];
  noLocation: PoliceUkCrime[];
  rejected: PoliceUkRejection[];
  summary: PoliceUkParseSummary;
}

/** CSV text, raw bytes, or a byte stream (e.g. an upload). */
export type CsvSource = string | Buffer | NodeJS.ReadableStream;

/**
 * Streams a police.uk street-level CSV, yielding each data row classified as imported, outside the
 * boundary, without location or rejected. Throws PoliceUkFormatError before the first row when the
 * header is not police.uk's. Memory stays flat, so a DB import can consume it row by row.
 */
export async function* readPoliceUkRows(source: CsvSource, options: PoliceUkParseOptions = {}): AsyncGenerator<PoliceUkRecord> {
  const input = typeof source === 'string' || Buffer.isBuffer(source) ? Readable.from([Buffer.from(source)]) : source;
  const progress: PoliceUkProgress = {
    rows: 0,
    bytes: 0,
    totalBytes: options.totalBytes ?? (typeof source === 'string' ? Buffer.byteLength(source) : Buffer.isBuffer(source) ? source.length : null),
  };
  input.on('data', (chunk: Buffer | string) => {
    progress.bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
  });
  const parser = input.pipe(parse({ bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, info: true }));
  const every = Math.max(1, options.progressEvery ?? 10_000);
  const keys = options.keys ?? new RowKeys();
  let ctx: Parameters<typeof classifyRow>[2] | null = null;
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!ctx) {
        ctx = { index: mapPoliceUkHeader(item.record, options.fileName), keys, boundary: options.boundary };
        continue;
      }
      yield classifyRow(item.record, item.info.lines, ctx);
      progress.rows++;
      if (options.onProgress && progress.rows % every === 0) options.onProgress({ ...progress });
    }
  } finally {
    if (input instanceof Readable) input.destroy();
  }
  if (!ctx) throw new PoliceUkFormatError(`${options.fileName ?? 'the file'} is empty: expected a police.uk header row`, [], [], []);
  options.onProgress?.({ ...progress, bytes: progress.totalBytes ?? progress.bytes });
}

/** Reads a whole police.uk CSV into classified lists and a summary. */
export async function parsePoliceUkCsv(source: CsvSource, options: PoliceUkParseOptions = {}): Promise<PoliceUkParseResult> {
  const result: PoliceUkParseResult = {
    imported: [],
    outside: [],
    noLocation: [],
    rejected: [],
    summary: { rows: 0, imported: 0, outside: 0, noLocation: 0, rejected: 0, months: [] },
  };
  const months = new Set<string>();
  for await (const rec of readPoliceUkRows(source, options)) {
    result.summary.rows++;
    result.summary[rec.status]++;
    if (rec.status === 'rejected') {
      result.rejected.push(rec.rejection);
    } else {
      result[rec.status].push(rec.crime);
      months.add(rec.crime.month);
    }
  }
  result.summary.months = [...months].sort();
  return result;
}

/** Opens a file and parses it, with its size for progress. */
export async function parsePoliceUkFile(file: string, options: PoliceUkParseOptions = {}): Promise<PoliceUkParseResult> {
  const { size } = await fs.promises.stat(file);
  return parsePoliceUkCsv(fs.createReadStream(file), { fileName: path.basename(file), totalBytes: size, ...options });
}

/** The police.uk CSV files in a folder (sorted by name, so by month for police.uk downloads). */
export async function listCsvFiles(dir: string): Promise<string[]> {
  const names = await fs.promises.readdir(dir);
  return names
    .filter((n) => n.toLowerCase().endsWith('.csv'))
    .sort()
    .map((n) => path.join(dir, n));
}
