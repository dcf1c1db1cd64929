import type { PersonReferenceHolder } from '../people/person-references.js';
import { chunks } from '../people/person-references.js';
import './tables.js';

/** A Case Review's victim and applicant follow the person records made from the application, and merges. */
export const caseReviewPersonReferences: PersonReferenceHolder = {
  columns: [
    { table: 'case_reviews', column: 'victim_person_id' },
    { table: 'case_reviews', column: 'applicant_person_id' },
  ],

  async followRecords(trx, partnershipId, to, records) {
    for (const part of chunks(records.map((r) => r.recordId)))
      await trx
        .updateTable('case_reviews')
        .set({ victim_person_id: to })
        .where('partnership_id', '=', partnershipId)
        .where('victim_person_record_id', 'in', part)
        .execute();
    const applicantOf = records
      .filter((r) => r.sourceType === 'case-review' && r.role === 'representative' && r.sourceId)
      .map((r) => r.sourceId as string);
    for (const part of chunks(applicantOf))
      await trx
        .updateTable('case_reviews')
        .set({ applicant_person_id: to })
        .where('partnership_id', '=', partnershipId)
        .where('id', 'in', part)
        .execute();
  },

  async repoint(trx, partnershipId, from, to) {
    for (const column of ['victim_person_id', 'applicant_person_id'] as const)
      await trx
        .updateTable('case_reviews')
        .set({ [column]: to })
        .where('partnership_id', '=', partnershipId)
        .where(column, '=', from)
        .execute();
  },
};
