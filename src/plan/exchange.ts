/**
 * The plan in the seed's own table shape (Action, Owner, Progress, Impact and Outcome, plus the
 * status), as CSV, XLSX, ODS and HTML. The same columns are read back by the import.
 */
import ExcelJS from 'exceljs';
import XLSX from 'xlsx';
import { stringify } from 'csv-stringify/sync';
import { createViewEnvironment } from '../platform/web/views.js';
import type { PlanActionsTable, PlansTable, Rag } from './tables.js';

export const EXPORT_FORMATS = ['html', 'csv', 'xlsx', 'ods'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const COLUMNS = [
  'Theme',
  'Action',
  'Owner',
  'Progress',
  'Impact and Outcome',
  'Status',
  'Status reason',
] as const;

export const STATUS_TEXT: Record<Rag, string> = { red: 'Red', amber: 'Amber', green: 'Green' };

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  html: 'text/html; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
};

/** One row per action, in the order of COLUMNS. */
export function tableRows(actions: PlanActionsTable[]): string[][] {
  return actions.map((a) => [
    a.theme ?? '',
    `${a.number}. ${a.title}`,
    a.owner,
    a.progress,
    a.impact,
    STATUS_TEXT[a.rag],
    a.rag_reason,
  ]);
}

const sheetName = (plan: PlansTable) => `Action plan ${plan.year}`;

async function xlsxOf(plan: PlansTable, rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.created = new Date(plan.created_at);
  const ws = wb.addWorksheet(sheetName(plan), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = COLUMNS.map((header, i) => ({
    header,
    width: [14, 40, 18, 70, 50, 10, 40][i],
    style: { alignment: { wrapText: true, vertical: 'top' } },
  }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function odsOf(plan: PlansTable, rows: string[][]): Buffer {
  const ws = XLSX.utils.aoa_to_sheet([[...COLUMNS], ...rows]);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, sheetName(plan));
  return XLSX.write(wb, { bookType: 'ods', type: 'buffer' }) as Buffer;
}

function htmlOf(plan: PlansTable, partnershipName: string, actions: PlanActionsTable[]): string {
  return createViewEnvironment().render('plan/export.njk', {
    plan,
    partnershipName,
    columns: COLUMNS,
    rows: tableRows(actions),
  });
}

/** The plan as a file of the given format; a plan with no actions gives a file with the header only. */
export async function exportPlan(
  format: ExportFormat,
  plan: PlansTable,
  partnershipName: string,
  actions: PlanActionsTable[],
): Promise<Buffer> {
  const rows = tableRows(actions);
  switch (format) {
    case 'csv':
      return Buffer.from(stringify([[...COLUMNS], ...rows], { bom: true }));
    case 'xlsx':
      return xlsxOf(plan, rows);
    case 'ods':
      return odsOf(plan, rows);
    case 'html':
      return Buffer.from(htmlOf(plan, partnershipName, actions));
  }
}

export const exportFileName = (plan: PlansTable, format: ExportFormat) =>
  `action-plan-${plan.year}.${format}`;
