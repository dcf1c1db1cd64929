import { createHash } from 'node:crypto';
import type { AppDeps } from '../../platform/module.js';
import { newId } from '../../platform/db/ids.js';
import type { PartnershipAreas } from '../areas.js';
import { AreaStore } from '../area-store.js';
import { PoliceUkFormatError } from '../policeuk/columns.js';
import { readPoliceUkBatches, type CsvSource } from '../policeuk/parse.js';
import { RowKeys, type PoliceUkCrime } from '../policeuk/row.js';
import { AnalyticsRepository } from '../repository.js';
import type { AnalyticsRecordsTable } from '../tables.js';
import { logImport, logRefusal } from './import-log.js';
import {
  emptySummary,
  ImportRefused,
  MAX_REPORTED_REJECTIONS,
  type FileFigures,
  type ImportActor,
  type ImportOutcome,
  type ImportProgress,
  type ImportSummary,
} from './summary.js';

export const POLICE_UK_SOURCE = 'police-uk';

export interface ImportFile {
  name: string;
  source: CsvSource;
  size?: number;
}

export interface PoliceUkImportOptions {
  /** Import the valid rows and report the rejected ones; by default one rejected row refuses the whole import. */
  skipRejected?: boolean;
  onProgress?: (p: ImportProgress) => void;
}

/** Rows held back before a multi-row insert. */
const FLUSH_AT = 2000;

/**
 * Imports police.uk street-level files into the partnership's records: each row clipped to the
 * boundary and keyed stably (see RowKeys), so importing a file again adds nothing. Everything runs
 * in one transaction: a wrong file, a rejected row (unless skipRejected) or the same file twice
 * leaves the database as it was.
 */
export class PoliceUkImporter {
  private readonly repo: AnalyticsRepository;
  constructor(private readonly deps: AppDeps) {
    this.repo = new AnalyticsRepository(deps.db);
  }

  async import(
    partnershipId: string,
    files: ImportFile[],
    actor: ImportActor,
    options: PoliceUkImportOptions = {},
  ): Promise<ImportOutcome> {
    const areas = await new AreaStore(this.deps).forPartnership(partnershipId);
    const summary = emptySummary();
    const importId = newId();
    const startedAt = this.deps.clock.iso();
    if (files.length === 0)
      return {
        status: 'refused',
        reason: 'empty',
        message: 'Choose at least one police.uk CSV file',
        summary,
      };
    try {
      await this.deps.db.transaction().execute(async (trx) => {
        const keys = new RowKeys();
        const months = new Set<string>();
        const seenFiles = new Map<string, string>();
        let pending: AnalyticsRecordsTable[] = [];
        const flush = async () => {
          if (pending.length === 0) return;
          summary.added += await this.repo.insertRecords(trx, pending);
          pending = [];
        };
        for (const [fileIndex, file] of files.entries()) {
          const figures: FileFigures = {
            file: file.name,
            rows: 0,
            inside: 0,
            outside: 0,
            noLocation: 0,
            rejected: 0,
          };
          summary.files.push(figures);
          const hash = createHash('sha256');
          const batches = readPoliceUkBatches(hashing(file.source, hash), {
            boundary: areas.boundary,
            keys,
            fileName: file.name,
            totalBytes: file.size,
            onProgress:
              options.onProgress &&
              ((p) => options.onProgress!({ ...p, file: file.name, fileIndex, files: files.length })),
          });
          for await (const batch of batches) {
            for (const rec of batch) {
              figures.rows++;
              if (rec.status === 'rejected') {
                figures.rejected++;
                if (summary.rejections.length < MAX_REPORTED_REJECTIONS) {
                  const { line, column, reason } = rec.rejection;
                  summary.rejections.push({ file: file.name, line, column, reason });
                }
                continue;
              }
              months.add(rec.crime.month);
              if (rec.status === 'outside') figures.outside++;
              else if (rec.status === 'noLocation') figures.noLocation++;
              else {
                figures.inside++;
                // After a rejection nothing will be kept (unless skipping), so stop writing.
                if (options.skipRejected || summary.rejected + figures.rejected === 0) {
                  pending.push(
                    recordRow(rec.crime, { partnershipId, importId, createdAt: startedAt, areas }),
                  );
                }
              }
            }
            if (pending.length >= FLUSH_AT) await flush();
          }
          const digest = hash.digest('hex');
          const twin = seenFiles.get(digest);
          if (twin !== undefined) {
            throw new ImportRefused({
              status: 'refused',
              reason: 'duplicate-file',
              message: `${file.name} is the same file as ${twin}: give each file once`,
              summary: total(summary, months),
            });
          }
          seenFiles.set(digest, file.name);
          total(summary, months);
        }
        await flush();
        total(summary, months);
        if (summary.rejected > 0 && !options.skipRejected) {
          throw new ImportRefused({
            status: 'refused',
            reason: 'rejected-rows',
            message: `${summary.rejected} row${summary.rejected === 1 ? '' : 's'} failed the checks (listed by file and line). Correct the file${files.length > 1 ? 's' : ''}, or import the valid rows and skip the rejected ones.`,
            summary,
          });
        }
        summary.alreadyHeld = summary.inside - summary.added;
        await logImport(this.deps, trx, {
          partnershipId,
          importId,
          source: POLICE_UK_SOURCE,
          kind: 'police-uk',
          files: files.map((f) => f.name),
          summary,
          actor,
          startedAt,
          auditDetails: { source: POLICE_UK_SOURCE, files: files.length },
        });
      });
    } catch (err) {
      const refused =
        err instanceof ImportRefused
          ? err.outcome
          : err instanceof PoliceUkFormatError
            ? ({
                status: 'refused',
                reason: 'wrong-file',
                message: err.message,
                expected: err.expected,
                missing: err.missing,
                summary,
              } as const)
            : null;
      if (!refused) throw err;
      await logRefusal(this.deps, partnershipId, actor, {
        source: POLICE_UK_SOURCE,
        reason: refused.reason,
        files: files.map((f) => f.name),
      });
      return refused;
    }
    return { status: 'imported', importId, summary };
  }
}

/** Adds up the files' figures into the summary's totals. */
function total(summary: ImportSummary, months: Set<string>): ImportSummary {
  const sum = (k: 'rows' | 'inside' | 'outside' | 'noLocation' | 'rejected') =>
    summary.files.reduce((a, f) => a + f[k], 0);
  summary.rowsRead = sum('rows');
  summary.inside = sum('inside');
  summary.outside = sum('outside');
  summary.noLocation = sum('noLocation');
  summary.rejected = sum('rejected');
  summary.months = [...months].sort();
  return summary;
}

function recordRow(
  crime: PoliceUkCrime,
  at: { partnershipId: string; importId: string; createdAt: string; areas: PartnershipAreas },
): AnalyticsRecordsTable {
  const lon = crime.longitude as number;
  const lat = crime.latitude as number;
  return {
    id: newId(),
    partnership_id: at.partnershipId,
    source: POLICE_UK_SOURCE,
    record_key: crime.key,
    import_id: at.importId,
    category: crime.crimeType,
    month: crime.month,
    occurred_at: null,
    occurred_on: null,
    lon,
    lat,
    easting: crime.easting as number,
    northing: crime.northing as number,
    location: crime.location || null,
    area_code: at.areas.areas.find((a) => a.boundary.containsLonLat(lon, lat))?.code ?? null,
    outcome: crime.lastOutcome,
    created_at: at.createdAt,
  };
}

/** Passes a source through unchanged while hashing its bytes (to spot the same file given twice). */
function hashing(source: CsvSource, hash: ReturnType<typeof createHash>): CsvSource {
  if (typeof source === 'string' || Buffer.isBuffer(source)) {
    hash.update(source);
    return source;
  }
  const stream = source as AsyncIterable<Buffer | string>;
  return (async function* () {
    for await (const chunk of stream) {
      hash.update(chunk);
      yield chunk;
    }
  })() as unknown as NodeJS.ReadableStream;
}
