import type { PersonReferenceHolder } from '../people/person-references.js';
import { chunks } from '../people/person-references.js';
import './tables.js';

/** Case parties and the powers-ladder steps about them follow their person record, and merges. */
export const casePersonReferences: PersonReferenceHolder = {
  columns: [
    { table: 'case_parties', column: 'person_id' },
    { table: 'ladder_steps', column: 'person_id' },
  ],

  async followRecords(trx, partnershipId, to, records) {
    for (const part of chunks(records.map((r) => r.recordId))) {
      const parties = await trx
        .selectFrom('case_parties')
        .select('id')
        .where('partnership_id', '=', partnershipId)
        .where('person_record_id', 'in', part)
        .execute();
      if (!parties.length) continue;
      const partyIds = parties.map((p) => p.id);
      await trx.updateTable('case_parties').set({ person_id: to }).where('id', 'in', partyIds).execute();
      await trx
        .updateTable('ladder_steps')
        .set({ person_id: to, subject_key: `person:${to}` })
        .where('partnership_id', '=', partnershipId)
        .where('party_id', 'in', partyIds)
        .execute();
    }
  },

  async repoint(trx, partnershipId, from, to) {
    await trx
      .updateTable('case_parties')
      .set({ person_id: to })
      .where('partnership_id', '=', partnershipId)
      .where('person_id', '=', from)
      .execute();
    await trx
      .updateTable('ladder_steps')
      .set({ person_id: to, subject_key: `person:${to}` })
      .where('partnership_id', '=', partnershipId)
      .where('person_id', '=', from)
      .execute();
    await trx
      .updateTable('ladder_steps')
      .set({ subject_key: `person:${to}` })
      .where('partnership_id', '=', partnershipId)
      .where('subject_key', '=', `person:${from}`)
      .execute();
  },
};
