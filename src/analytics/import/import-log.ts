import type { AppDeps } from '../../platform/module.js';
import type { Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { AuditService } from '../../platform/audit/service.js';
import { AnalyticsRepository } from '../repository.js';
import type { ImportActor, ImportSummary } from './summary.js';

/** What every import records about itself: the history row and the audit entry. */
export interface ImportEntry {
  partnershipId: string;
  importId: string;
  source: string;
  kind: string;
  files: string[];
  summary: ImportSummary;
  actor: ImportActor;
  startedAt: string;
  /** Kept with the import's details beside its months, files and rejections (e.g. the column matching). */
  extraDetails?: Record<string, unknown>;
  /** Added to the audit entry's details beside the row counts. */
  auditDetails: Record<string, unknown>;
}

/** Writes the import's history row and its audit entry, inside the import's transaction. */
export async function logImport(deps: AppDeps, trx: Transaction<Database>, e: ImportEntry): Promise<void> {
  const s = e.summary;
  await new AnalyticsRepository(deps.db).insertImport(trx, {
    id: e.importId,
    partnership_id: e.partnershipId,
    source: e.source,
    kind: e.kind,
    files: JSON.stringify(e.files),
    rows_read: s.rowsRead,
    imported: s.added,
    already_held: s.alreadyHeld,
    outside: s.outside,
    no_location: s.noLocation,
    rejected: s.rejected,
    details: JSON.stringify({
      months: s.months,
      files: s.files,
      rejections: s.rejections,
      ...e.extraDetails,
    }),
    user_id: e.actor.userId,
    user_label: e.actor.userLabel,
    started_at: e.startedAt,
    finished_at: deps.clock.iso(),
  });
  await new AuditService(deps.db, deps.dialect, deps.clock).record(
    {
      partnershipId: e.partnershipId,
      userId: e.actor.userId,
      userLabel: e.actor.userLabel,
      action: 'analytics.imported',
      subjectType: 'analytics-import',
      subjectId: e.importId,
      ip: e.actor.ip,
      requestId: e.actor.requestId,
      details: { ...e.auditDetails, rowsRead: s.rowsRead, added: s.added, rejected: s.rejected },
    },
    trx,
  );
}

/** Audits a refused import (nothing else was written). */
export async function logRefusal(
  deps: AppDeps,
  partnershipId: string,
  actor: ImportActor,
  details: Record<string, unknown>,
): Promise<void> {
  await new AuditService(deps.db, deps.dialect, deps.clock).record({
    partnershipId,
    userId: actor.userId,
    userLabel: actor.userLabel,
    action: 'analytics.import-refused',
    subjectType: 'analytics-import',
    ip: actor.ip,
    requestId: actor.requestId,
    details,
  });
}
