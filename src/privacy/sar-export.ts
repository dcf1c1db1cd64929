import fs from 'node:fs/promises';
import type { AppDeps } from '../platform/module.js';
import { loadCatalogue, tablesFor, type Catalogue } from './catalogue.js';
import { RetentionRepository } from './retention-repository.js';
import { SarRepository } from './sar-repository.js';

export interface ExportCell {
  column: string;
  value: unknown;
  personal: boolean;
  redacted: boolean;
}
export interface ExportRow {
  id: string;
  /** About someone else: their personal data is proposed for redaction. */
  thirdParty: boolean;
  cells: ExportCell[];
  file: string | null;
}
export interface ExportTable {
  table: string;
  holds: string;
  module: string;
  rows: ExportRow[];
}
export interface ExportRecord {
  recordType: string;
  label: string;
  recordId: string;
  tables: ExportTable[];
}
export interface ExportAuditEntry {
  at: string;
  who: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
}
export interface ExportData {
  personId: string;
  records: ExportRecord[];
  audit: ExportAuditEntry[];
  redactionCount: number;
}

export const REDACTED = '[redacted: third party]';
export const redactionKey = (table: string, rowId: string, column: string) => `${table}|${rowId}|${column}`;

/**
 * Everything held about a person through the records the DPO confirmed as theirs: every declared
 * table's rows of those reports, cases and reviews, the person's own rows, and the audit of who
 * viewed or changed them. Redactions are the DPO's marks, or, before any review, the proposal:
 * every personal column of rows about someone else.
 */
export async function gatherExport(
  deps: AppDeps,
  partnershipId: string,
  requestId: string,
  personId: string,
  catalogue?: Catalogue,
): Promise<ExportData> {
  const c = catalogue ?? (await loadCatalogue());
  const sar = new SarRepository(deps.db);
  const request = (await sar.find(partnershipId, requestId))!;
  const confirmed = (await sar.decisions(requestId)).filter((d) => d.decision === 'theirs');
  const confirmedIds = confirmed.map((d) => d.person_record_id);
  const recordsTable = c.tables.find((t) => t.table === 'person_records')!;
  const rrepo = new RetentionRepository(deps.db);
  const people = await rrepo.rows({ ...recordsTable, link: { self: true } }, 'person', confirmedIds);
  const typeOf = 'types' in recordsTable.link ? recordsTable.link.types : {};
  const roots = new Map<string, { recordType: string; recordId: string }>();
  for (const r of people) {
    const recordType = typeOf[String(r.source_type)];
    if (recordType && r.source_id)
      roots.set(`${recordType}:${r.source_id}`, { recordType, recordId: String(r.source_id) });
  }
  roots.set(`person:${personId}`, { recordType: 'person', recordId: personId });
  const saved = await sar.redactions(requestId);
  const marks = new Set(saved.map((m) => redactionKey(m.table_name, m.row_id, m.column_name)));
  const useProposal = !request.reviewed_at;
  const records: ExportRecord[] = [];
  let redactionCount = 0;
  for (const root of roots.values()) {
    const rt = c.recordTypes.find((r) => r.code === root.recordType);
    const tables: ExportTable[] = [];
    for (const t of tablesFor(c, root.recordType)) {
      const rows = await rrepo.rows(t, root.recordType, [root.recordId]);
      if (!rows.length) continue;
      tables.push({
        table: t.table,
        holds: t.holds,
        module: t.module,
        rows: rows.map((row) => {
          const subjects = (t.subjectColumns ?? []).map((col) => row[col]).filter((v) => v != null);
          const thirdParty = subjects.length > 0 && !subjects.includes(personId);
          const id = String(row.id);
          const cells = Object.entries(row).map(([column, value]) => {
            const personal = column in t.personal;
            const redacted =
              personal &&
              value != null &&
              (useProposal ? thirdParty : marks.has(redactionKey(t.table, id, column)));
            if (redacted) redactionCount++;
            return { column, value, personal, redacted };
          });
          const file = t.file && !thirdParty ? t.file(deps.config.uploadDir, row) : null;
          return { id, thirdParty, cells, file };
        }),
      });
    }
    records.push({
      recordType: root.recordType,
      label: rt?.label ?? root.recordType,
      recordId: root.recordId,
      tables,
    });
  }
  const subjectIds = [...new Set([personId, ...confirmedIds, ...[...roots.values()].map((r) => r.recordId)])];
  const audit = (await sar.auditAbout(partnershipId, subjectIds)).map((a) => ({
    at: a.at,
    who: a.user_label,
    action: a.action,
    subjectType: a.subject_type,
    subjectId: a.subject_id,
  }));
  return { personId, records, audit, redactionCount };
}

/** The export as the requester gets it: redacted values replaced, file contents read. */
export async function exportFiles(
  data: ExportData,
): Promise<{ json: unknown; files: { name: string; body: Buffer }[] }> {
  const files: { name: string; body: Buffer }[] = [];
  const json = {
    personId: data.personId,
    records: data.records.map((r) => ({
      recordType: r.recordType,
      label: r.label,
      recordId: r.recordId,
      tables: Object.fromEntries(
        r.tables.map((t) => [
          t.table,
          t.rows.map((row) =>
            Object.fromEntries(row.cells.map((c) => [c.column, c.redacted ? REDACTED : c.value])),
          ),
        ]),
      ),
    })),
    auditOfWhoViewedOrChanged: data.audit,
  };
  for (const r of data.records)
    for (const t of r.tables)
      for (const row of t.rows) {
        if (!row.file) continue;
        const body = await fs.readFile(row.file).catch(() => null);
        if (body) files.push({ name: `files/${t.table}-${row.id}-${row.file.split(/[\\/]/).pop()}`, body });
      }
  return { json, files };
}
