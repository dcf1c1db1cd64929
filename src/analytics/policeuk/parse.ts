import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { Boundary } from '../geo/boundary.js';
import { mapPoliceUkHeader, PoliceUkFormatError } from './columns.js';
import { CsvRecordSplitter, type CsvRecord } from './csv-records.js';
import {
  classifyRow,
  RowKeys,
  type ClassifyContext,
  type PoliceUkCrime,
  type PoliceUkRecord,
  type PoliceUkRejection,
} from './row.js';

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
  /** Rows between progress calls, roughly (a last call is always made at the end). Default 10,000. */
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
 * Streams a police.uk street-level CSV in batches (one per chunk read, a few hundred rows), each
 * row classified as imported, outside the boundary, without location or rejected. Throws
 * PoliceUkFormatError before the first batch when the header is not police.uk's. Memory stays
 * flat, so a DB import can insert batch by batch.
 */
export async function* readPoliceUkBatches(
  source: CsvSource,
  options: PoliceUkParseOptions = {},
): AsyncGenerator<PoliceUkRecord[]> {
  const input: Iterable<Buffer | string> | AsyncIterable<Buffer | string> =
    typeof source === 'string' || Buffer.isBuffer(source)
      ? [Buffer.from(source)]
      : (source as AsyncIterable<Buffer | string>);
  const progress: PoliceUkProgress = {
    rows: 0,
    bytes: 0,
    totalBytes:
      options.totalBytes ??
      (typeof source === 'string'
        ? Buffer.byteLength(source)
        : Buffer.isBuffer(source)
          ? source.length
          : null),
  };
  const every = Math.max(1, options.progressEvery ?? 10_000);
  const keys = options.keys ?? new RowKeys();
  const splitter = new CsvRecordSplitter();
  const decoder = new StringDecoder('utf8');
  let ctx: ClassifyContext | null = null;
  let nextProgress = every;

  const classify = (records: CsvRecord[]): PoliceUkRecord[] => {
    const out: PoliceUkRecord[] = [];
    for (const { fields, line } of records) {
      if (!ctx) {
        ctx = { index: mapPoliceUkHeader(fields, options.fileName), keys, boundary: options.boundary };
        continue;
      }
      out.push(classifyRow(fields, line, ctx));
    }
    progress.rows += out.length;
    if (options.onProgress && progress.rows >= nextProgress) {
      options.onProgress({ ...progress });
      nextProgress = (Math.floor(progress.rows / every) + 1) * every;
    }
    return out;
  };

  try {
    for await (const chunk of input) {
      progress.bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
      const batch = classify(splitter.push(typeof chunk === 'string' ? chunk : decoder.write(chunk)));
      if (batch.length) yield batch;
    }
    const last = classify(splitter.push(decoder.end()).concat(splitter.end()));
    if (last.length) yield last;
  } finally {
    if (input instanceof Readable) input.destroy();
  }
  if (!ctx)
    throw new PoliceUkFormatError(
      `${options.fileName ?? 'the file'} is empty: expected a police.uk header row`,
      [],
      [],
      [],
    );
  options.onProgress?.({ ...progress, bytes: progress.totalBytes ?? progress.bytes });
}

/** The same rows one at a time. */
export async function* readPoliceUkRows(
  source: CsvSource,
  options: PoliceUkParseOptions = {},
): AsyncGenerator<PoliceUkRecord> {
  for await (const batch of readPoliceUkBatches(source, options)) yield* batch;
}

/** Reads a whole police.uk CSV into classified lists and a summary. */
export async function parsePoliceUkCsv(
  source: CsvSource,
  options: PoliceUkParseOptions = {},
): Promise<PoliceUkParseResult> {
  const result: PoliceUkParseResult = {
    imported: [],
    outside: [],
    noLocation: [],
    rejected: [],
    summary: { rows: 0, imported: 0, outside: 0, noLocation: 0, rejected: 0, months: [] },
  };
  const months = new Set<string>();
  for await (const batch of readPoliceUkBatches(source, options)) {
    for (const rec of batch) {
      result.summary.rows++;
      result.summary[rec.status]++;
      if (rec.status === 'rejected') {
        result.rejected.push(rec.rejection);
      } else {
        result[rec.status].push(rec.crime);
        months.add(rec.crime.month);
      }
    }
  }
  result.summary.months = [...months].sort();
  return result;
}

/** Opens a file and parses it, with its size for progress. */
export async function parsePoliceUkFile(
  file: string,
  options: PoliceUkParseOptions = {},
): Promise<PoliceUkParseResult> {
  const { size } = await fs.promises.stat(file);
  return parsePoliceUkCsv(fs.createReadStream(file), {
    fileName: path.basename(file),
    totalBytes: size,
    ...options,
  });
}

/** The police.uk CSV files in a folder (sorted by name, so by month for police.uk downloads). */
export async function listCsvFiles(dir: string): Promise<string[]> {
  const names = await fs.promises.readdir(dir);
  return names
    .filter((n) => n.toLowerCase().endsWith('.csv'))
    .sort()
    .map((n) => path.join(dir, n));
}
