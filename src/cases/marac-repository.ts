import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../platform/db/database.js';
import type { Executor } from '../platform/audit/service.js';
import type { MaracReferralsTable } from './tables.js';

/** All SQL about City Community MARAC referrals. */
export class MaracRepository {
  constructor(private readonly db: Db) {}

  insert(db: Executor, row: Insertable<MaracReferralsTable>) {
    return db.insertInto('marac_referrals').values(row).execute();
  }

  update(db: Executor, id: string, set: Updateable<MaracReferralsTable>) {
    return db.updateTable('marac_referrals').set(set).where('id', '=', id).execute();
  }

  private base() {
    return this.db
      .selectFrom('marac_referrals')
      .innerJoin('cases', 'cases.id', 'marac_referrals.case_id')
      .innerJoin('case_parties', 'case_parties.id', 'marac_referrals.party_id')
      .innerJoin('risk_assessments', 'risk_assessments.id', 'marac_referrals.risk_assessment_id')
      .leftJoin('users', 'users.id', 'marac_referrals.submitted_by')
      .leftJoin('teams', 'teams.id', 'cases.lead_team_id')
      .selectAll('marac_referrals')
      .select([
        'cases.reference as case_reference',
        'cases.title as case_title',
        'cases.lead_team_id',
        'teams.name as lead_team_name',
        'case_parties.display_name as party_name',
        'case_parties.person_id',
        'risk_assessments.band as risk_band',
        'risk_assessments.score as risk_score',
        'risk_assessments.assessed_on as risk_assessed_on',
        'users.name as submitted_by_name',
        'users.email as submitted_by_email',
      ]);
  }

  get(id: string) {
    return this.base().where('marac_referrals.id', '=', id).executeTakeFirst();
  }

  list(partnershipId: string, filter: { status?: string; caseId?: string } = {}) {
    let q = this.base().where('marac_referrals.partnership_id', '=', partnershipId);
    if (filter.status) q = q.where('marac_referrals.status', '=', filter.status);
    if (filter.caseId) q = q.where('marac_referrals.case_id', '=', filter.caseId);
    return q.orderBy('marac_referrals.submitted_at', 'desc').execute();
  }

  coordinatorEmails(partnershipId: string) {
    return this.db
      .selectFrom('users')
      .select('email')
      .where('partnership_id', '=', partnershipId)
      .where('role', '=', 'coordinator')
      .where('disabled', '=', 0)
      .execute();
  }
}
