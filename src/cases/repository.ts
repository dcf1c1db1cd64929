import type { ExpressionBuilder, Insertable, Updateable } from 'kysely';
import type { Database } from '../platform/db/schema.js';
import type { Db } from '../platform/db/database.js';
import type { Executor } from '../platform/audit/service.js';
import type {
  CaseEventsTable,
  CasePartiesTable,
  CasePlacesTable,
  CasesTable,
  CaseTeamsTable,
  CaseReportsTable,
  CaseSharesTable,
  CaseDocumentsTable,
} from './tables.js';
import './tables.js';

export interface CaseListFilter {
  partnershipId: string;
  /** Cases this team holds (lead or added); omitted for administrators. */
  teamId?: string | null;
  /** Cases shared with this agency. */
  sharedWithAgencyId?: string | null;
  /** Administrators see every case in the partnership. */
  all?: boolean;
  status?: string;
  caseType?: string;
  spocUserId?: string;
  text?: string;
  limit?: number;
  offset?: number;
}

export type CaseListRow = Pick<
  CasesTable,
  | 'id'
  | 'reference'
  | 'title'
  | 'case_type'
  | 'status'
  | 'risk_band'
  | 'opened_on'
  | 'closed_on'
  | 'lead_team_id'
  | 'spoc_user_id'
  | 'updated_at'
> & { lead_team_name: string; spoc_name: string | null };

/** All SQL about cases, their teams, linked reports, parties, places and events. */
export class CaseRepository {
  constructor(private readonly db: Db) {}

  insertCase(db: Executor, row: Insertable<CasesTable>) {
    return db.insertInto('cases').values(row).execute();
  }

  getCase(id: string, db: Executor = this.db) {
    return db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
  }

  updateCase(db: Executor, id: string, set: Updateable<CasesTable>) {
    return db.updateTable('cases').set(set).where('id', '=', id).execute();
  }

  /** The case with its lead team and SPOC names. */
  getCaseView(id: string) {
    return this.db
      .selectFrom('cases')
      .innerJoin('teams', 'teams.id', 'cases.lead_team_id')
      .leftJoin('users', 'users.id', 'cases.spoc_user_id')
      .selectAll('cases')
      .select([
        'teams.name as lead_team_name',
        'teams.agency_id as lead_agency_id',
        'users.name as spoc_name',
        'users.email as spoc_email',
      ])
      .where('cases.id', '=', id)
      .executeTakeFirst();
  }

  list(f: CaseListFilter): Promise<CaseListRow[]> {
    let q = this.db
      .selectFrom('cases')
      .innerJoin('teams', 'teams.id', 'cases.lead_team_id')
      .leftJoin('users', 'users.id', 'cases.spoc_user_id')
      .select([
        'cases.id',
        'cases.reference',
        'cases.title',
        'cases.case_type',
        'cases.status',
        'cases.risk_band',
        'cases.opened_on',
        'cases.closed_on',
        'cases.lead_team_id',
        'cases.spoc_user_id',
        'cases.updated_at',
        'teams.name as lead_team_name',
        'users.name as spoc_name',
      ])
      .where('cases.partnership_id', '=', f.partnershipId);
    if (!f.all) q = q.where((eb) => this.visibleWhere(eb, f));
    if (f.status === 'active') q = q.where('cases.status', '!=', 'closed');
    else if (f.status) q = q.where('cases.status', '=', f.status);
    if (f.caseType) q = q.where('cases.case_type', '=', f.caseType);
    if (f.spocUserId) q = q.where('cases.spoc_user_id', '=', f.spocUserId);
    if (f.text) {
      const like = `%${f.text.toLowerCase()}%`;
      q = q.where((eb) =>
        eb.or([
          eb(eb.fn('lower', ['cases.reference']), 'like', like),
          eb(eb.fn('lower', ['cases.title']), 'like', like),
        ]),
      );
    }
    return q
      .orderBy('cases.updated_at', 'desc')
      .limit(f.limit ?? 50)
      .offset(f.offset ?? 0)
      .execute() as Promise<CaseListRow[]>;
  }

  /** Cases held by the team (lead or added) or shared with the agency. */
  private visibleWhere(
    eb: ExpressionBuilder<Database, 'cases'>,
    f: Pick<CaseListFilter, 'teamId' | 'sharedWithAgencyId'>,
  ) {
    const ors = [];
    if (f.teamId) {
      ors.push(eb('cases.lead_team_id', '=', f.teamId));
      ors.push(
        eb.exists(
          eb
            .selectFrom('case_teams')
            .select('case_teams.id')
            .whereRef('case_teams.case_id', '=', 'cases.id')
            .where('case_teams.team_id', '=', f.teamId),
        ),
      );
    }
    if (f.sharedWithAgencyId) {
      ors.push(
        eb.exists(
          eb
            .selectFrom('case_shares')
            .select('case_shares.id')
            .whereRef('case_shares.case_id', '=', 'cases.id')
            .where('case_shares.agency_id', '=', f.sharedWithAgencyId)
            .where('case_shares.revoked_at', 'is', null),
        ),
      );
    }
    return ors.length ? eb.or(ors) : eb.val(false);
  }

  /** Ids of the cases a list filter can see (status filters apply; no paging). */
  async visibleCaseIds(
    f: Pick<CaseListFilter, 'partnershipId' | 'teamId' | 'sharedWithAgencyId' | 'all'> & {
      openOnly?: boolean;
    },
  ): Promise<string[]> {
    let q = this.db
      .selectFrom('cases')
      .select('cases.id')
      .where('cases.partnership_id', '=', f.partnershipId);
    if (!f.all) q = q.where((eb) => this.visibleWhere(eb, f));
    if (f.openOnly) q = q.where('cases.status', '!=', 'closed');
    return (await q.execute()).map((r) => r.id);
  }

  /** Open cases where the user is the single point of contact. */
  async spocCaseIds(partnershipId: string, userId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('cases')
      .select('id')
      .where('partnership_id', '=', partnershipId)
      .where('spoc_user_id', '=', userId)
      .where('status', '!=', 'closed')
      .execute();
    return rows.map((r) => r.id);
  }

  // Teams holding the case
  addTeam(db: Executor, row: Insertable<CaseTeamsTable>) {
    return db.insertInto('case_teams').values(row).execute();
  }

  teams(caseId: string) {
    return this.db
      .selectFrom('case_teams')
      .innerJoin('teams', 'teams.id', 'case_teams.team_id')
      .select(['case_teams.id', 'case_teams.team_id', 'case_teams.added_at', 'teams.name', 'teams.agency_id'])
      .where('case_teams.case_id', '=', caseId)
      .orderBy('case_teams.added_at')
      .execute();
  }

  // Linked reports
  linkReport(db: Executor, row: Insertable<CaseReportsTable>) {
    return db.insertInto('case_reports').values(row).execute();
  }

  reportLinks(caseId: string) {
    return this.db
      .selectFrom('case_reports')
      .selectAll()
      .where('case_id', '=', caseId)
      .orderBy('linked_at')
      .execute();
  }

  casesForReports(partnershipId: string, reportIds: string[]) {
    if (!reportIds.length) return Promise.resolve([]);
    return this.db
      .selectFrom('case_reports')
      .innerJoin('cases', 'cases.id', 'case_reports.case_id')
      .select(['case_reports.report_id', 'cases.id', 'cases.reference', 'cases.status'])
      .where('cases.partnership_id', '=', partnershipId)
      .where('case_reports.report_id', 'in', reportIds)
      .execute();
  }

  // Parties
  insertParty(db: Executor, row: Insertable<CasePartiesTable>) {
    return db.insertInto('case_parties').values(row).execute();
  }

  parties(caseId: string, db: Executor = this.db) {
    return db
      .selectFrom('case_parties')
      .selectAll()
      .where('case_id', '=', caseId)
      .where('removed_at', 'is', null)
      .orderBy('created_at')
      .execute();
  }

  party(id: string, db: Executor = this.db) {
    return db.selectFrom('case_parties').selectAll().where('id', '=', id).executeTakeFirst();
  }

  updateParty(db: Executor, id: string, set: Updateable<CasePartiesTable>) {
    return db.updateTable('case_parties').set(set).where('id', '=', id).execute();
  }

  /** Every case a person is a party to, with their role(s). */
  casesForPerson(partnershipId: string, personId: string) {
    return this.db
      .selectFrom('case_parties')
      .innerJoin('cases', 'cases.id', 'case_parties.case_id')
      .select([
        'cases.id as case_id',
        'cases.reference',
        'cases.title',
        'cases.case_type',
        'cases.status',
        'cases.risk_band',
        'cases.opened_on',
        'cases.closed_on',
        'cases.lead_team_id',
        'case_parties.id as party_id',
        'case_parties.role',
      ])
      .where('case_parties.partnership_id', '=', partnershipId)
      .where('case_parties.person_id', '=', personId)
      .where('case_parties.removed_at', 'is', null)
      .orderBy('cases.opened_on', 'desc')
      .execute();
  }

  /** The latest date the person was told about the ASB Case Review, on any case. */
  async caseReviewToldOn(partnershipId: string, personId: string): Promise<string | null> {
    const rows = await this.db
      .selectFrom('case_parties')
      .select('case_review_told_on')
      .where('partnership_id', '=', partnershipId)
      .where('person_id', '=', personId)
      .where('case_review_told_on', 'is not', null)
      .execute();
    return (
      rows
        .map((r) => r.case_review_told_on!)
        .sort()
        .at(-1) ?? null
    );
  }

  // Places
  insertPlace(db: Executor, row: Insertable<CasePlacesTable>) {
    return db.insertInto('case_places').values(row).execute();
  }

  places(caseId: string) {
    return this.db
      .selectFrom('case_places')
      .selectAll()
      .where('case_id', '=', caseId)
      .where('removed_at', 'is', null)
      .orderBy('created_at')
      .execute();
  }

  removePlace(db: Executor, caseId: string, id: string, at: string) {
    return db
      .updateTable('case_places')
      .set({ removed_at: at })
      .where('id', '=', id)
      .where('case_id', '=', caseId)
      .execute();
  }

  // Events (the case's own history: transitions and decisions)
  insertEvent(db: Executor, row: Insertable<CaseEventsTable>) {
    return db.insertInto('case_events').values(row).execute();
  }

  events(caseId: string) {
    return this.db
      .selectFrom('case_events')
      .selectAll()
      .where('case_id', '=', caseId)
      .orderBy('at', 'desc')
      .execute();
  }

  // Documents
  insertDocument(db: Executor, row: Insertable<CaseDocumentsTable>) {
    return db.insertInto('case_documents').values(row).execute();
  }

  documents(caseId: string) {
    return this.db
      .selectFrom('case_documents')
      .leftJoin('users', 'users.id', 'case_documents.uploaded_by')
      .selectAll('case_documents')
      .select('users.name as uploaded_by_name')
      .where('case_documents.case_id', '=', caseId)
      .where('case_documents.deleted_at', 'is', null)
      .orderBy('case_documents.uploaded_at', 'desc')
      .execute();
  }

  document(id: string) {
    return this.db.selectFrom('case_documents').selectAll().where('id', '=', id).executeTakeFirst();
  }

  markDocumentDeleted(db: Executor, id: string, at: string, by: string) {
    return db
      .updateTable('case_documents')
      .set({ deleted_at: at, deleted_by: by })
      .where('id', '=', id)
      .execute();
  }

  // Shares
  insertShare(db: Executor, row: Insertable<CaseSharesTable>) {
    return db.insertInto('case_shares').values(row).execute();
  }

  revokeShare(db: Executor, id: string, at: string, by: string) {
    return db
      .updateTable('case_shares')
      .set({ revoked_at: at, revoked_by: by })
      .where('id', '=', id)
      .execute();
  }

  shares(caseId: string) {
    return this.db
      .selectFrom('case_shares')
      .innerJoin('agencies', 'agencies.id', 'case_shares.agency_id')
      .leftJoin('users as sharer', 'sharer.id', 'case_shares.shared_by')
      .leftJoin('users as revoker', 'revoker.id', 'case_shares.revoked_by')
      .selectAll('case_shares')
      .select([
        'agencies.name as agency_name',
        'sharer.name as shared_by_name',
        'revoker.name as revoked_by_name',
      ])
      .where('case_shares.case_id', '=', caseId)
      .orderBy('case_shares.shared_at', 'desc')
      .execute();
  }

  activeShare(caseId: string, agencyId: string) {
    return this.db
      .selectFrom('case_shares')
      .selectAll()
      .where('case_id', '=', caseId)
      .where('agency_id', '=', agencyId)
      .where('revoked_at', 'is', null)
      .orderBy('shared_at', 'desc')
      .executeTakeFirst();
  }

  // The partnership's teams, agencies and staff (for choosing a lead team, SPOC or owner)
  partnershipTeams(partnershipId: string) {
    return this.db
      .selectFrom('teams')
      .innerJoin('agencies', 'agencies.id', 'teams.agency_id')
      .select([
        'teams.id',
        'teams.name',
        'teams.code',
        'agencies.code as agency_code',
        'agencies.id as agency_id',
        'agencies.kind as agency_kind',
      ])
      .where('teams.partnership_id', '=', partnershipId)
      .orderBy('agencies.code')
      .orderBy('teams.name')
      .execute();
  }

  partnershipAgencies(partnershipId: string) {
    return this.db
      .selectFrom('agencies')
      .select(['id', 'code', 'name', 'kind'])
      .where('partnership_id', '=', partnershipId)
      .orderBy('name')
      .execute();
  }

  staff(partnershipId: string) {
    return this.db
      .selectFrom('users')
      .leftJoin('teams', 'teams.id', 'users.team_id')
      .select([
        'users.id',
        'users.name',
        'users.email',
        'users.role',
        'users.team_id',
        'users.agency_id',
        'teams.name as team_name',
      ])
      .where('users.partnership_id', '=', partnershipId)
      .where('users.disabled', '=', 0)
      .orderBy('users.name')
      .execute();
  }

  user(id: string) {
    return this.db
      .selectFrom('users')
      .select(['id', 'name', 'email', 'role', 'team_id', 'agency_id', 'partnership_id', 'disabled'])
      .where('id', '=', id)
      .executeTakeFirst();
  }

  async partnershipName(id: string): Promise<string> {
    return (
      (await this.db.selectFrom('partnerships').select('name').where('id', '=', id).executeTakeFirst())
        ?.name ?? ''
    );
  }

  /** The partnership's settings JSON (the cases module reads its own keys: powers). */
  async partnershipSettings(id: string): Promise<Record<string, any>> {
    const row = await this.db
      .selectFrom('partnerships')
      .select('settings')
      .where('id', '=', id)
      .executeTakeFirst();
    try {
      return JSON.parse(row?.settings ?? '{}');
    } catch {
      return {};
    }
  }

  team(id: string) {
    return this.db
      .selectFrom('teams')
      .select(['id', 'name', 'agency_id', 'partnership_id', 'email'])
      .where('id', '=', id)
      .executeTakeFirst();
  }
}
