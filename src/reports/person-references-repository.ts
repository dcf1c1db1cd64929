import type { PersonReferenceHolder } from '../people/person-references.js';
import { chunks } from '../people/person-references.js';
import './tables.js';

/** The reporter of a report follows the person record made from it, and merges. */
export const reportPersonReferences: PersonReferenceHolder = {
  columns: [{ table: 'reports', column: 'reporter_person_id' }],

  async followRecords(trx, partnershipId, to, records) {
    const reportIds = records
      .filter((r) => (r.sourceType === 'report' || r.sourceType === 'call') && r.sourceId)
      .map((r) => r.sourceId as string);
    for (const part of chunks(reportIds))
      await trx
        .updateTable('reports')
        .set({ reporter_person_id: to })
        .where('partnership_id', '=', partnershipId)
        .where('id', 'in', part)
        .execute();
  },

  async repoint(trx, partnershipId, from, to) {
    await trx
      .updateTable('reports')
      .set({ reporter_person_id: to })
      .where('partnership_id', '=', partnershipId)
      .where('reporter_person_id', '=', from)
      .execute();
  },
};
