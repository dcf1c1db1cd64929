/**
 * Reading an edited plan back: the rows of an XLSX or CSV file in the export's columns, compared
 * with the plan. Every problem names its row; a file with any problem changes nothing.
 */
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { COLUMNS } from './exchange.js';
import type { PlanActionsTable, Rag } from './tables.js';

export interface ReadRow {
  line: number;
  cells: string[];
}

export type ChangeField = 'title' | 'owner' | 'progress' | 'impact' | 'status';

export interface PlanChange {
  number: number;
  actionId: string;
  field: ChangeField;
  from: string;
  to: string;
  /** For a status change: why (the file's Status reason). */
  reason?: string;
}

export const FIELD_LABELS: Record<ChangeField, string> = {
  title: 'Action',
  owner: 'Owner',
  progress: 'Progress',
  impact: 'Impact and Outcome',
  status: 'Status',
};

function cellText(cell: ExcelJS.Cell, line: number, column: string): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) throw new Error(`Row ${line}, ${column}: holds a date where text was expected`);
  if ('error' in v) throw new Error(`Row ${line}, ${column}: the cell holds an error (${v.error})`);
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('text' in v && typeof v.text === 'string') return v.text;
  if ('formula' in v || 'sharedFormula' in v) {
    const result = (v as { result?: unknown }).result;
    if (typeof result === 'string' || typeof result === 'number') return String(result);
    throw new Error(`Row ${line}, ${column}: the cell holds a formula without a text value`);
  }
  throw new Error(`Row ${line}, ${column}: the cell cannot be read as text`);
}

async function readXlsx(contents: Buffer): Promise<{ rows: ReadRow[]; errors: string[] }> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(contents as unknown as ArrayBuffer);
  } catch {
    return { rows: [], errors: ['The file is not a readable XLSX spreadsheet'] };
  }
  const ws = wb.worksheets[0];
  if (!ws) return { rows: [], errors: ['The spreadsheet has no sheet'] };
  const rows: ReadRow[] = [];
  const errors: string[] = [];
  ws.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: string[] = [];
    for (let c = 1; c <= COLUMNS.length; c++) {
      try {
        cells.push(cellText(row.getCell(c), line, COLUMNS[c - 1] ?? `column ${c}`));
      } catch (err) {
        errors.push((err as Error).message);
        cells.push('');
      }
    }
    rows.push({ line, cells });
  });
  return { rows, errors };
}

function readCsv(contents: Buffer): { rows: ReadRow[]; errors: string[] } {
  try {
    const records = parse(contents, { bom: true, relax_column_count: true }) as string[][];
    // Rows are numbered as a spreadsheet shows the file: one per record, the header is row 1.
    return {
      rows: records
        .map((cells, i) => ({ line: i + 1, cells }))
        .filter((r) => r.cells.some((c) => c.trim() !== '')),
      errors: [],
    };
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    return {
      rows: [],
      errors: [`The CSV file cannot be read${line ? ` at line ${line}` : ''}: ${(err as Error).message}`],
    };
  }
}

/** The file's rows (the header included) by its type, or why it cannot be read. */
export async function readPlanFile(
  name: string,
  contents: Buffer,
): Promise<{ rows: ReadRow[]; errors: string[] }> {
  const lower = name.toLowerCase();
  if (lower.endsWith('.xlsx')) return readXlsx(contents);
  if (lower.endsWith('.csv')) return readCsv(contents);
  return { rows: [], errors: ['Choose an XLSX or CSV file (save an ODS spreadsheet as XLSX to import it)'] };
}

const STATUS_OF: Record<string, Rag> = { red: 'red', amber: 'amber', green: 'green' };

/** Compares the file's rows with the plan's actions: the changes, or every row's problems. */
export function compareWithPlan(
  rows: ReadRow[],
  actions: PlanActionsTable[],
  themes: string[],
): { changes: PlanChange[]; errors: string[] } {
  const errors: string[] = [];
  const [header, ...body] = rows;
  const expected = COLUMNS.join(' | ');
  if (
    !header ||
    header.cells
      .slice(0, COLUMNS.length)
      .map((c) => c.trim())
      .join(' | ') !== expected
  )
    return { changes: [], errors: [`Row ${header?.line ?? 1}: the columns must be ${expected}`] };
  const byNumber = new Map(actions.map((a) => [a.number, a]));
  const seen = new Set<number>();
  const fileThemes: string[] = [];
  const changes: PlanChange[] = [];
  for (const { line, cells } of body) {
    const [theme, actionCell, owner, progress, impact, status, reason] = cells.map((c) => (c ?? '').trim());
    const m = /^(\d+)\.\s+([\s\S]+)$/.exec(actionCell);
    if (!m) {
      errors.push(
        `Row ${line}: the Action must start with its number, like "4. Advertise the ASB Case Review"`,
      );
      continue;
    }
    const number = Number(m[1]);
    const action = byNumber.get(number);
    if (!action) {
      errors.push(`Row ${line}: action ${number} is not in this plan (import cannot add actions)`);
      continue;
    }
    if (seen.has(number)) errors.push(`Row ${line}: action ${number} appears more than once`);
    seen.add(number);
    if (theme && !fileThemes.includes(theme)) fileThemes.push(theme);
    if (theme !== (action.theme ?? ''))
      errors.push(
        `Row ${line}: action ${number} is under theme "${theme}" but the plan has it under "${action.theme ?? ''}"`,
      );
    const rag = STATUS_OF[status.toLowerCase().split(/[\s:(]/)[0]];
    if (!rag) {
      errors.push(`Row ${line}: the Status must be Red, Amber or Green, not "${status}"`);
      continue;
    }
    if (!owner) errors.push(`Row ${line}: the Owner is empty`);
    const edits: [ChangeField, string, string][] = [
      ['title', action.title, m[2].trim()],
      ['owner', action.owner, owner],
      ['progress', action.progress, progress],
      ['impact', action.impact, impact],
    ];
    for (const [field, from, to] of edits)
      if (from !== to) changes.push({ number, actionId: action.id, field, from, to });
    if (rag !== action.rag) {
      if (!reason || reason === action.rag_reason)
        errors.push(
          `Row ${line}: action ${number} changes status to ${status}: give the reason in Status reason`,
        );
      else changes.push({ number, actionId: action.id, field: 'status', from: action.rag, to: rag, reason });
    }
  }
  for (const a of actions)
    if (!seen.has(a.number) && !errors.some((e) => e.includes(`action ${a.number} `)))
      errors.push(`Action ${a.number} is missing from the file (import cannot remove actions)`);
  const unknownThemes = fileThemes.filter((t) => !themes.includes(t));
  if (unknownThemes.length)
    errors.push(
      `The themes changed: ${unknownThemes.map((t) => `"${t}"`).join(', ')} is not a theme of this plan`,
    );
  return { changes: errors.length ? [] : changes, errors };
}
