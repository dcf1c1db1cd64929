import type { Insertable } from 'kysely';
import type { Db } from '../platform/db/database.js';
import type { Executor } from '../platform/audit/service.js';
import type { CaseContactsTable } from './tables.js';

/** All SQL about the victim contact log. */
export class ContactsRepository {
  constructor(private readonly db: Db) {}

  insert(db: Executor, row: Insertable<CaseContactsTable>) {
    return db.insertInto('case_contacts').values(row).execute();
  }

  forCase(caseId: string) {
    return this.db
      .selectFrom('case_contacts')
      .innerJoin('case_parties', 'case_parties.id', 'case_contacts.party_id')
      .selectAll('case_contacts')
      .select(['case_parties.display_name as party_name', 'case_parties.role as party_role'])
      .where('case_contacts.case_id', '=', caseId)
      .orderBy('case_contacts.contacted_on', 'desc')
      .orderBy('case_contacts.created_at', 'desc')
      .execute();
  }

  forParties(partyIds: string[]) {
    if (!partyIds.length) return Promise.resolve([]);
    return this.db
      .selectFrom('case_contacts')
      .select(['party_id', 'contacted_on', 'successful'])
      .where('party_id', 'in', partyIds)
      .execute();
  }

  /** Parties with an agreed contact frequency on these open cases. */
  partiesWithAgreements(caseIds: string[]) {
    if (!caseIds.length) return Promise.resolve([]);
    return this.db
      .selectFrom('case_parties')
      .innerJoin('cases', 'cases.id', 'case_parties.case_id')
      .selectAll('case_parties')
      .select([
        'cases.reference as case_reference',
        'cases.title as case_title',
        'cases.spoc_user_id',
        'cases.lead_team_id',
      ])
      .where('case_parties.case_id', 'in', caseIds)
      .where('case_parties.removed_at', 'is', null)
      .where('case_parties.contact_every', 'is not', null)
      .where('cases.status', '!=', 'closed')
      .execute();
  }
}
