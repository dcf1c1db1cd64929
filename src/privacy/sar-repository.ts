import type { Executor } from '../platform/audit/service.js';
import { newId } from '../platform/db/ids.js';
import type { PrivacySarRequestsTable } from './tables.js';
import './tables.js';

/** Subject access requests, the records the DPO confirmed for each, and the redactions marked. */
export class SarRepository {
  constructor(private readonly db: Executor) {}

  async insert(row: PrivacySarRequestsTable): Promise<void> {
    await this.db.insertInto('privacy_sar_requests').values(row).execute();
  }

  find(partnershipId: string, id: string) {
    return this.db
      .selectFrom('privacy_sar_requests')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  list(partnershipId: string) {
    return this.db
      .selectFrom('privacy_sar_requests')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .orderBy('received_on', 'desc')
      .orderBy('reference', 'desc')
      .execute();
  }

  async count(partnershipId: string): Promise<number> {
    const r = await this.db
      .selectFrom('privacy_sar_requests')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('partnership_id', '=', partnershipId)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async update(id: string, values: Partial<PrivacySarRequestsTable>): Promise<void> {
    await this.db.updateTable('privacy_sar_requests').set(values).where('id', '=', id).execute();
  }

  decisions(requestId: string) {
    return this.db
      .selectFrom('privacy_sar_records')
      .selectAll()
      .where('request_id', '=', requestId)
      .execute();
  }

  async decide(
    partnershipId: string,
    requestId: string,
    decisions: { recordId: string; decision: 'theirs' | 'not-theirs' }[],
    by: string,
    at: string,
  ): Promise<void> {
    for (const d of decisions) {
      await this.db
        .deleteFrom('privacy_sar_records')
        .where('request_id', '=', requestId)
        .where('person_record_id', '=', d.recordId)
        .execute();
      await this.db
        .insertInto('privacy_sar_records')
        .values({
          id: newId(),
          partnership_id: partnershipId,
          request_id: requestId,
          person_record_id: d.recordId,
          decision: d.decision,
          decided_by: by,
          decided_at: at,
        })
        .execute();
    }
  }

  redactions(requestId: string) {
    return this.db
      .selectFrom('privacy_sar_redactions')
      .select(['table_name', 'row_id', 'column_name'])
      .where('request_id', '=', requestId)
      .execute();
  }

  async replaceRedactions(
    partnershipId: string,
    requestId: string,
    marks: { table: string; rowId: string; column: string }[],
    by: string,
    at: string,
  ): Promise<void> {
    await this.db.deleteFrom('privacy_sar_redactions').where('request_id', '=', requestId).execute();
    for (let i = 0; i < marks.length; i += 100)
      await this.db
        .insertInto('privacy_sar_redactions')
        .values(
          marks.slice(i, i + 100).map((m) => ({
            id: newId(),
            partnership_id: partnershipId,
            request_id: requestId,
            table_name: m.table,
            row_id: m.rowId,
            column_name: m.column,
            marked_by: by,
            marked_at: at,
          })),
        )
        .execute();
  }

  /** Who viewed or changed these records: the audit entries about them. */
  auditAbout(partnershipId: string, subjectIds: readonly string[]) {
    if (!subjectIds.length) return Promise.resolve([]);
    return this.db
      .selectFrom('audit_log')
      .select(['id', 'at', 'user_label', 'action', 'subject_type', 'subject_id'])
      .where('partnership_id', '=', partnershipId)
      .where('subject_id', 'in', subjectIds)
      .orderBy('seq')
      .execute();
  }
}
