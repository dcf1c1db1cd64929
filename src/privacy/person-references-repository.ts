import type { PersonReferenceHolder } from '../people/person-references.js';
import './tables.js';

/** A subject access request found its person through repeat identification: it follows a merge. */
export const privacyPersonReferences: PersonReferenceHolder = {
  columns: [{ table: 'privacy_sar_requests', column: 'person_id' }],

  async followRecords() {},

  async repoint(trx, partnershipId, from, to) {
    await trx
      .updateTable('privacy_sar_requests')
      .set({ person_id: to })
      .where('partnership_id', '=', partnershipId)
      .where('person_id', '=', from)
      .execute();
  },
};
