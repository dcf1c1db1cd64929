/** All SQL of street operations, on its own tables. */
import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';
import type { Executor } from '../platform/audit/service.js';
import type {
  HubAttendancesTable,
  LuscombeCasesTable,
  NrmRecordsTable,
  OutreachContactsTable,
  StreetCountsTable,
} from './tables.js';
import './tables.js';

/** The columns a list of contacts may show: no welfare or modern slavery text. */
const LIST_COLUMNS = [
  'id',
  'status',
  'recorded_by',
  'occurred_at',
  'place_name',
  'person_id',
  'given_name',
  'surname',
  'known_as',
  'support_offered',
  'support_accepted',
  'signposted',
  'seen',
  'submitted_at',
  'updated_at',
] as const;

export class OperationsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  insertContact(row: OutreachContactsTable, db: Executor = this.db) {
    return db.insertInto('outreach_contacts').values(row).execute();
  }

  updateContact(id: string, patch: Partial<OutreachContactsTable>, db: Executor = this.db) {
    return db.updateTable('outreach_contacts').set(patch).where('id', '=', id).execute();
  }

  contact(partnershipId: string, id: string) {
    return this.db
      .selectFrom('outreach_contacts')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /** Submitted contacts, newest first, without the sensitive text. */
  recentContacts(partnershipId: string, limit = 50) {
    return this.db
      .selectFrom('outreach_contacts')
      .select(LIST_COLUMNS)
      .where('partnership_id', '=', partnershipId)
      .where('status', '=', 'submitted')
      .orderBy('occurred_at', 'desc')
      .limit(limit)
      .execute();
  }

  drafts(partnershipId: string, userId: string) {
    return this.db
      .selectFrom('outreach_contacts')
      .select(LIST_COLUMNS)
      .where('partnership_id', '=', partnershipId)
      .where('status', '=', 'draft')
      .where('recorded_by', '=', userId)
      .orderBy('updated_at', 'desc')
      .execute();
  }

  /** A person's submitted contacts, newest first (all columns: the service withholds what the viewer may not see). */
  contactsForPerson(partnershipId: string, personIds: readonly string[]) {
    if (!personIds.length) return Promise.resolve([]);
    return this.db
      .selectFrom('outreach_contacts')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where('status', '=', 'submitted')
      .where('person_id', 'in', [...personIds])
      .orderBy('occurred_at', 'desc')
      .execute();
  }

  /** People met in the street under this first name or street name (case-insensitive), most recent first. */
  async personsByStreetName(partnershipId: string, name: string, limit = 5): Promise<string[]> {
    const n = name.trim().toLowerCase();
    const rows = await this.db
      .selectFrom('outreach_contacts')
      .select(['person_id', 'occurred_at'])
      .where('partnership_id', '=', partnershipId)
      .where('status', '=', 'submitted')
      .where('person_id', 'is not', null)
      .where((eb) =>
        eb.or([eb(eb.fn('lower', ['given_name']), '=', n), eb(eb.fn('lower', ['known_as']), '=', n)]),
      )
      .orderBy('occurred_at', 'desc')
      .limit(50)
      .execute();
    return [...new Set(rows.map((r) => r.person_id!))].slice(0, limit);
  }

  /** Whether support was offered to the person on a contact, or they were seen at the hub. */
  async supportOnRecord(partnershipId: string, personId: string): Promise<boolean> {
    const offered = await this.db
      .selectFrom('outreach_contacts')
      .select('id')
      .where('partnership_id', '=', partnershipId)
      .where('person_id', '=', personId)
      .where('status', '=', 'submitted')
      .where('support_offered', '<>', '[]')
      .limit(1)
      .executeTakeFirst();
    if (offered) return true;
    const hub = await this.db
      .selectFrom('hub_attendances')
      .select('id')
      .where('partnership_id', '=', partnershipId)
      .where('person_id', '=', personId)
      .limit(1)
      .executeTakeFirst();
    return !!hub;
  }

  async contactCount(partnershipId: string, personId: string): Promise<number> {
    const r = await this.db
      .selectFrom('outreach_contacts')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .where('partnership_id', '=', partnershipId)
      .where('person_id', '=', personId)
      .where('status', '=', 'submitted')
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  insertHub(row: HubAttendancesTable, db: Executor = this.db) {
    return db.insertInto('hub_attendances').values(row).execute();
  }

  hubForPerson(partnershipId: string, personId: string) {
    return this.db
      .selectFrom('hub_attendances')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where('person_id', '=', personId)
      .orderBy('attended_on', 'desc')
      .execute();
  }

  insertNrm(row: NrmRecordsTable, db: Executor = this.db) {
    return db.insertInto('nrm_records').values(row).execute();
  }

  nrmForPerson(partnershipId: string, personId: string) {
    return this.db
      .selectFrom('nrm_records')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where('person_id', '=', personId)
      .orderBy('referred_on', 'desc')
      .execute();
  }

  nrmList(partnershipId: string) {
    return this.db
      .selectFrom('nrm_records')
      .select([
        'id',
        'person_id',
        'kind',
        'referred_on',
        'first_responder',
        'reasonable_grounds',
        'conclusive_grounds',
      ])
      .where('partnership_id', '=', partnershipId)
      .orderBy('referred_on', 'desc')
      .execute();
  }

  /** Records a night's count for an area, replacing an earlier count of the same night and area. */
  async saveCount(row: StreetCountsTable, db: Executor = this.db) {
    await db
      .deleteFrom('street_counts')
      .where('partnership_id', '=', row.partnership_id)
      .where('night', '=', row.night)
      .where('area', '=', row.area)
      .execute();
    await db.insertInto('street_counts').values(row).execute();
  }

  counts(partnershipId: string) {
    return this.db
      .selectFrom('street_counts')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .orderBy('night', 'asc')
      .orderBy('area', 'asc')
      .execute();
  }

  luscombeCase(partnershipId: string, personId: string) {
    return this.db
      .selectFrom('luscombe_cases')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where('person_id', '=', personId)
      .executeTakeFirst();
  }

  insertLuscombeCase(row: LuscombeCasesTable, db: Executor = this.db) {
    return db.insertInto('luscombe_cases').values(row).execute();
  }
}
