import type { PersonReferenceHolder } from '../people/person-references.js';
import './tables.js';

/** An agenda item about a person names the person it became when merged (items are not made from records). */
export const meetingPersonReferences: PersonReferenceHolder = {
  columns: [{ table: 'meeting_items', column: 'person_id' }],

  async followRecords() {},

  async repoint(trx, partnershipId, from, to) {
    await trx
      .updateTable('meeting_items')
      .set({ person_id: to })
      .where('partnership_id', '=', partnershipId)
      .where('person_id', '=', from)
      .execute();
  },
};
