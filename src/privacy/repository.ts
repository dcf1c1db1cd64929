import type { Executor } from '../platform/audit/service.js';
import { newId } from '../platform/db/ids.js';
import type { PrivacyHoldsTable, PrivacyRetentionRunsTable, PrivacySchedulesTable } from './tables.js';
import './tables.js';

/** The privacy module's own tables: schedules, holds, retention runs and what they did. */
export class PrivacyRepository {
  constructor(private readonly db: Executor) {}

  schedules(partnershipId: string): Promise<PrivacySchedulesTable[]> {
    return this.db
      .selectFrom('privacy_schedules')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .execute();
  }

  async saveSchedule(row: Omit<PrivacySchedulesTable, 'id'>): Promise<void> {
    let q = this.db
      .deleteFrom('privacy_schedules')
      .where('partnership_id', '=', row.partnership_id)
      .where('record_type', '=', row.record_type);
    q = row.agency_id ? q.where('agency_id', '=', row.agency_id) : q.where('agency_id', 'is', null);
    await q.execute();
    await this.db
      .insertInto('privacy_schedules')
      .values({ id: newId(), ...row })
      .execute();
  }

  activeHolds(partnershipId: string): Promise<PrivacyHoldsTable[]> {
    return this.db
      .selectFrom('privacy_holds')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where('released_at', 'is', null)
      .orderBy('review_on')
      .execute();
  }

  async insertHold(row: PrivacyHoldsTable): Promise<void> {
    await this.db.insertInto('privacy_holds').values(row).execute();
  }

  async releaseHold(partnershipId: string, id: string, by: string, at: string): Promise<number> {
    const r = await this.db
      .updateTable('privacy_holds')
      .set({ released_at: at, released_by: by })
      .where('partnership_id', '=', partnershipId)
      .where('id', '=', id)
      .where('released_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  async insertRun(row: PrivacyRetentionRunsTable): Promise<void> {
    await this.db.insertInto('privacy_retention_runs').values(row).execute();
  }

  async finishRun(
    id: string,
    values: Pick<PrivacyRetentionRunsTable, 'status' | 'summary' | 'error' | 'finished_at'>,
  ): Promise<void> {
    await this.db.updateTable('privacy_retention_runs').set(values).where('id', '=', id).execute();
  }

  runs(partnershipId: string, limit = 20): Promise<PrivacyRetentionRunsTable[]> {
    return this.db
      .selectFrom('privacy_retention_runs')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .orderBy('started_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  }

  async markDone(
    partnershipId: string,
    runId: string,
    recordType: string,
    ids: readonly string[],
    action: string,
    files: Map<string, string[]>,
    at: string,
  ): Promise<void> {
    if (!ids.length) return;
    await this.db
      .insertInto('privacy_retention_done')
      .values(
        ids.map((id) => ({
          id: newId(),
          partnership_id: partnershipId,
          run_id: runId,
          record_type: recordType,
          record_id: id,
          action,
          files: JSON.stringify(files.get(id) ?? []),
          files_removed: (files.get(id) ?? []).length ? 0 : 1,
          done_at: at,
        })),
      )
      .execute();
  }

  /** Records whose database change committed but whose files were not yet removed (a run stopped between the two). */
  filesPending(partnershipId: string) {
    return this.db
      .selectFrom('privacy_retention_done')
      .select(['id', 'files'])
      .where('partnership_id', '=', partnershipId)
      .where('files_removed', '=', 0)
      .execute();
  }

  async filesRemoved(ids: readonly string[]): Promise<void> {
    if (!ids.length) return;
    await this.db
      .updateTable('privacy_retention_done')
      .set({ files_removed: 1 })
      .where('id', 'in', ids)
      .execute();
  }

  async filesRemovedFor(partnershipId: string, recordType: string, ids: readonly string[]): Promise<void> {
    if (!ids.length) return;
    await this.db
      .updateTable('privacy_retention_done')
      .set({ files_removed: 1 })
      .where('partnership_id', '=', partnershipId)
      .where('record_type', '=', recordType)
      .where('record_id', 'in', ids)
      .execute();
  }
}
