import type { PersonReferenceHolder } from '../people/person-references.js';
import { chunks } from '../people/person-references.js';
import './tables.js';

/**
 * Street operations' person ids follow merges: a contact goes with the person record it made; hub
 * sessions, NRM records and the Luscombe case of a merged person name the person it became.
 */
export const operationsPersonReferences: PersonReferenceHolder = {
  columns: [
    { table: 'outreach_contacts', column: 'person_id' },
    { table: 'hub_attendances', column: 'person_id' },
    { table: 'nrm_records', column: 'person_id' },
    { table: 'luscombe_cases', column: 'person_id' },
  ],

  async followRecords(trx, partnershipId, to, records) {
    const ids = records.filter((r) => r.sourceType === 'outreach').map((r) => r.recordId);
    for (const part of chunks(ids))
      await trx
        .updateTable('outreach_contacts')
        .set({ person_id: to })
        .where('partnership_id', '=', partnershipId)
        .where('person_record_id', 'in', part)
        .execute();
  },

  async repoint(trx, partnershipId, from, to) {
    for (const table of ['outreach_contacts', 'hub_attendances', 'nrm_records'] as const)
      await trx
        .updateTable(table)
        .set({ person_id: to })
        .where('partnership_id', '=', partnershipId)
        .where('person_id', '=', from)
        .execute();
    // One Luscombe case per person: the merged person keeps theirs when they have one.
    const kept = await trx
      .selectFrom('luscombe_cases')
      .select('case_id')
      .where('partnership_id', '=', partnershipId)
      .where('person_id', '=', to)
      .executeTakeFirst();
    if (kept)
      await trx
        .deleteFrom('luscombe_cases')
        .where('partnership_id', '=', partnershipId)
        .where('person_id', '=', from)
        .execute();
    else
      await trx
        .updateTable('luscombe_cases')
        .set({ person_id: to })
        .where('partnership_id', '=', partnershipId)
        .where('person_id', '=', from)
        .execute();
  },
};
