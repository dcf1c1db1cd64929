/** What an import did, file by file and in all; shown by the CLI and the import page. */
export interface ImportRejection {
  file: string;
  line: number;
  /** The column at fault, or null when the whole row is (e.g. the wrong number of fields). */
  column: string | null;
  reason: string;
}

export interface FileFigures {
  file: string;
  rows: number;
  /** Valid rows inside the boundary (added now or already held). */
  inside: number;
  outside: number;
  noLocation: number;
  rejected: number;
}

export interface ImportSummary {
  files: FileFigures[];
  rowsRead: number;
  inside: number;
  /** Rows added by this import. */
  added: number;
  /** Rows inside the area that an earlier import already added. */
  alreadyHeld: number;
  outside: number;
  noLocation: number;
  rejected: number;
  /** The first rejections, by file and line (all of them are counted in `rejected`). */
  rejections: ImportRejection[];
  months: string[];
}

export const MAX_REPORTED_REJECTIONS = 200;

export type ImportOutcome =
  | { status: 'imported'; importId: string; summary: ImportSummary }
  | {
      status: 'refused';
      /** wrong-file: not the expected kind of file; rejected-rows: rows failed checks (nothing written); duplicate-file: the same file twice. */
      reason: 'wrong-file' | 'rejected-rows' | 'duplicate-file' | 'empty';
      message: string;
      /** What the file said instead (wrong-file): the expected and missing columns. */
      expected?: readonly string[];
      missing?: readonly string[];
      summary: ImportSummary;
    };

export interface ImportProgress {
  file: string;
  fileIndex: number;
  files: number;
  rows: number;
  bytes: number;
  totalBytes: number | null;
}

export interface ImportActor {
  userId: string | null;
  userLabel: string;
  ip?: string;
  requestId?: string;
}

export function emptySummary(): ImportSummary {
  return {
    files: [],
    rowsRead: 0,
    inside: 0,
    added: 0,
    alreadyHeld: 0,
    outside: 0,
    noLocation: 0,
    rejected: 0,
    rejections: [],
    months: [],
  };
}

/** Thrown inside the import transaction to roll it back; carries the outcome to report. */
export class ImportRefused extends Error {
  constructor(readonly outcome: Extract<ImportOutcome, { status: 'refused' }>) {
    super(outcome.message);
  }
}

/** A plain-text account of an import, for the command line. */
export function describeImport(outcome: ImportOutcome): string {
  const s = outcome.summary;
  const lines: string[] = [];
  if (outcome.status === 'refused') lines.push(`Import refused: ${outcome.message}`, 'Nothing was written.');
  for (const f of s.files) {
    lines.push(
      `${f.file}: ${f.rows} rows read, ${f.inside} inside the area, ${f.outside} outside, ${f.noLocation} without location, ${f.rejected} rejected`,
    );
  }
  if (outcome.status === 'imported') {
    lines.push(
      `Rows read ${s.rowsRead}; imported ${s.added} (${s.alreadyHeld} already held from an earlier import); outside the area ${s.outside}; without location ${s.noLocation}; rejected ${s.rejected}.`,
    );
    if (s.months.length) lines.push(`Months: ${s.months[0]} to ${s.months[s.months.length - 1]}.`);
  }
  for (const r of s.rejections)
    lines.push(`  ${r.file} line ${r.line}${r.column ? `, column ${r.column}` : ''}: ${r.reason}`);
  if (s.rejected > s.rejections.length)
    lines.push(`  ... and ${s.rejected - s.rejections.length} more rejected rows`);
  return lines.join('\n') + '\n';
}
