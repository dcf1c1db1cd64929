import type { AppDeps } from '../../platform/module.js';
import { newId } from '../../platform/db/ids.js';
import { MixedEncodingError, TextChunkDecoder } from '../../platform/text-encoding.js';
import { AreaStore } from '../area-store.js';
import { CsvRecordSplitter, type CsvRecord } from '../policeuk/csv-records.js';
import type { CsvSource } from '../policeuk/parse.js';
import { RowKeys } from '../policeuk/row-keys.js';
import { AnalyticsRepository } from '../repository.js';
import type { AnalyticsAssetsTable, AnalyticsRecordsTable, AnalyticsSourcesTable } from '../tables.js';
import {
  fieldsFor,
  mappingProblems,
  sourceCode,
  type PartnerField,
  type PartnerKind,
  type PartnerMapping,
} from './partner-fields.js';
import { classifyPartnerRow } from './partner-rows.js';
import { logImport, logRefusal } from './import-log.js';
import {
  emptySummary,
  ImportRefused,
  MAX_REPORTED_REJECTIONS,
  type FileFigures,
  type ImportActor,
  type ImportOutcome,
} from './summary.js';

const WRITE_BATCH = 5000;

export interface PartnerSourceChoice {
  /** An existing source's code, or null to make one from `name`. */
  code: string | null;
  name: string;
  kind: PartnerKind;
}

/** Reads CSV records from text, bytes or a stream (UTF-8, or Windows-1252/Latin-1 detected). */
async function* csvRecords(source: CsvSource): AsyncGenerator<CsvRecord[]> {
  const splitter = new CsvRecordSplitter();
  const decoder = new TextChunkDecoder();
  const input: Iterable<Buffer | string> | AsyncIterable<Buffer | string> =
    typeof source === 'string' || Buffer.isBuffer(source)
      ? [Buffer.from(source)]
      : (source as AsyncIterable<Buffer | string>);
  for await (const chunk of input) {
    const recs = splitter.push(typeof chunk === 'string' ? chunk : decoder.write(chunk));
    if (recs.length) yield recs;
  }
  const last = splitter.push(decoder.end()).concat(splitter.end());
  if (last.length) yield last;
}

/** The header and the first rows of a CSV, for the mapping step. */
export async function previewCsv(
  source: CsvSource,
  rows = 5,
): Promise<{ header: string[]; rows: string[][] }> {
  const out: string[][] = [];
  let header: string[] | null = null;
  for await (const batch of csvRecords(source)) {
    for (const r of batch) {
      if (!header) header = r.fields.map((f) => f.trim());
      else if (out.length < rows) out.push(r.fields);
    }
    if (header && out.length >= rows) break;
  }
  return { header: header ?? [], rows: out };
}

/**
 * Imports a partner CSV with a column mapping: events into the records (keyed by the partner's
 * reference, or by content when there is none, so a re-import adds nothing), or CCTV cameras and
 * street-light units into the assets (updated in place on re-import). One transaction; the
 * mapping is saved for the source with a successful import.
 */
export class PartnerImporter {
  private readonly repo: AnalyticsRepository;
  constructor(private readonly deps: AppDeps) {
    this.repo = new AnalyticsRepository(deps.db);
  }

  async resolveSource(
    partnershipId: string,
    choice: PartnerSourceChoice,
  ): Promise<{ code: string; name: string; kind: PartnerKind; saved: AnalyticsSourcesTable | undefined }> {
    if (choice.code) {
      const saved = await this.repo.source(partnershipId, choice.code);
      if (saved) return { code: saved.code, name: saved.name, kind: saved.kind as PartnerKind, saved };
    }
    const code = sourceCode(choice.name);
    const saved = await this.repo.source(partnershipId, code);
    return {
      code,
      name: saved?.name ?? choice.name,
      kind: (saved?.kind as PartnerKind) ?? choice.kind,
      saved,
    };
  }

  async import(
    partnershipId: string,
    choice: PartnerSourceChoice,
    file: { name: string; source: CsvSource },
    mapping: PartnerMapping,
    actor: ImportActor,
    options: {
      skipRejected?: boolean;
      /** Called after each batch of rows with the rows read so far. */ onProgress?: (
        rowsRead: number,
      ) => void;
    } = {},
  ): Promise<ImportOutcome> {
    const source = await this.resolveSource(partnershipId, choice);
    if (source.code === 'police-uk' || source.code === 'asb-hub') {
      return {
        status: 'refused',
        reason: 'wrong-file',
        message: `"${choice.name}" is a name ASB Hub uses for its own sources: choose another`,
        summary: emptySummary(),
      };
    }
    const areas = await new AreaStore(this.deps).forPartnership(partnershipId);
    const summary = emptySummary();
    const importId = newId();
    const now = this.deps.clock.iso();
    const figures: FileFigures = {
      file: file.name,
      rows: 0,
      inside: 0,
      outside: 0,
      noLocation: 0,
      rejected: 0,
    };
    summary.files.push(figures);
    const months = new Set<string>();
    try {
      await this.deps.db.transaction().execute(async (trx) => {
        const keys = new RowKeys();
        let header: string[] | null = null;
        let ctx: Parameters<typeof classifyPartnerRow>[1] | null = null;
        const records: AnalyticsRecordsTable[] = [];
        let added = 0;
        const assets = new Map<string, AnalyticsAssetsTable>();
        for await (const batch of csvRecords(file.source)) {
          options.onProgress?.(figures.rows);
          for (const { fields, line } of batch) {
            if (!header) {
              header = fields.map((f) => f.trim());
              const problems = mappingProblems(source.kind, mapping, header);
              if (Object.keys(problems).length) {
                throw new ImportRefused({
                  status: 'refused',
                  reason: 'wrong-file',
                  message: `${file.name} does not fit the column choices: ${Object.values(problems).join('; ')}. Columns found: ${header.join(', ') || '(none)'}.`,
                  summary,
                });
              }
              const index: Partial<Record<PartnerField, number>> = {};
              for (const spec of fieldsFor(source.kind)) {
                const column = mapping.columns[spec.field];
                if (column) index[spec.field] = header.indexOf(column);
              }
              ctx = { kind: source.kind, mapping, index, header, areas, keys };
              continue;
            }
            figures.rows++;
            const rec = classifyPartnerRow(fields, ctx!);
            if (rec.status === 'rejected') {
              figures.rejected++;
              if (summary.rejections.length < MAX_REPORTED_REJECTIONS)
                summary.rejections.push({ file: file.name, line, column: rec.column, reason: rec.reason });
              continue;
            }
            if (rec.status === 'noLocation') {
              figures.noLocation++;
              if (rec.month) months.add(rec.month);
              continue;
            }
            if (source.kind === 'events') months.add(rec.row.month);
            if (rec.status === 'outside') {
              figures.outside++;
              continue;
            }
            figures.inside++;
            const r = rec.row;
            if (source.kind === 'events') {
              // Written in batches inside the transaction, so memory stays flat on a large file; a
              // refusal at the end still rolls every batch back.
              if (records.length >= WRITE_BATCH)
                added += await this.repo.insertRecords(trx, records.splice(0));
              records.push({
                id: newId(),
                partnership_id: partnershipId,
                source: source.code,
                record_key: r.key,
                import_id: importId,
                category: r.category ?? source.name,
                month: r.month,
                occurred_at: r.at,
                occurred_on: r.day,
                lon: r.lon,
                lat: r.lat,
                easting: r.x,
                northing: r.y,
                location: r.location,
                area_code: r.areaCode,
                outcome: r.outcome,
                created_at: now,
              });
            } else {
              // The last row for a reference wins.
              assets.set(r.ref as string, {
                id: newId(),
                partnership_id: partnershipId,
                kind: source.kind,
                asset_ref: r.ref as string,
                label: r.label,
                status: r.status,
                lon: r.lon,
                lat: r.lat,
                easting: r.x,
                northing: r.y,
                source: source.code,
                import_id: importId,
                created_at: now,
                updated_at: now,
              });
            }
          }
        }
        if (!header)
          throw new ImportRefused({
            status: 'refused',
            reason: 'empty',
            message: `${file.name} is empty: expected a header row and data`,
            summary,
          });
        Object.assign(summary, {
          rowsRead: figures.rows,
          inside: figures.inside,
          outside: figures.outside,
          noLocation: figures.noLocation,
          rejected: figures.rejected,
          months: [...months].sort(),
        });
        if (figures.rejected > 0 && !options.skipRejected) {
          throw new ImportRefused({
            status: 'refused',
            reason: 'rejected-rows',
            message: `${figures.rejected} row${figures.rejected === 1 ? '' : 's'} failed the checks (listed by line and column). Correct the file, or import the valid rows and skip the rejected ones.`,
            summary,
          });
        }
        if (source.kind === 'events') summary.added = added + (await this.repo.insertRecords(trx, records));
        else summary.added = (await this.repo.upsertAssets(trx, [...assets.values()])).added;
        summary.alreadyHeld = summary.inside - summary.added;
        await this.repo.saveSource(trx, {
          id: source.saved?.id ?? newId(),
          partnership_id: partnershipId,
          code: source.code,
          name: source.name,
          kind: source.kind,
          mapping: JSON.stringify(mapping),
          created_at: source.saved?.created_at ?? now,
          updated_at: now,
        });
        await logImport(this.deps, trx, {
          partnershipId,
          importId,
          source: source.code,
          kind: source.kind === 'events' ? 'partner-events' : 'assets',
          files: [file.name],
          summary,
          actor,
          startedAt: now,
          extraDetails: { mapping },
          auditDetails: { source: source.code, kind: source.kind },
        });
      });
    } catch (caught) {
      const err =
        caught instanceof MixedEncodingError
          ? new ImportRefused({
              status: 'refused',
              reason: 'wrong-file',
              message: `${file.name}: ${caught.message}. Save the file as "CSV UTF-8" and import it again.`,
              summary,
            })
          : caught;
      if (!(err instanceof ImportRefused)) throw err;
      await logRefusal(this.deps, partnershipId, actor, {
        source: source.code,
        reason: err.outcome.reason,
        files: [file.name],
      });
      return err.outcome;
    }
    return { status: 'imported', importId, summary };
  }
}
