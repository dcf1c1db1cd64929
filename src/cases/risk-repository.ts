import type { Insertable } from 'kysely';
import type { Db } from '../platform/db/database.js';
import type { Executor } from '../platform/audit/service.js';
import type { RiskAssessmentsTable, RiskQuestionnairesTable } from './tables.js';

/** All SQL about risk questionnaires (settings, versioned) and risk assessments. */
export class RiskRepository {
  constructor(private readonly db: Db) {}

  active(partnershipId: string, db: Executor = this.db) {
    return db
      .selectFrom('risk_questionnaires')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where('active', '=', 1)
      .orderBy('version', 'desc')
      .executeTakeFirst();
  }

  questionnaire(id: string) {
    return this.db.selectFrom('risk_questionnaires').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async insertQuestionnaire(db: Executor, row: Insertable<RiskQuestionnairesTable>) {
    await db
      .updateTable('risk_questionnaires')
      .set({ active: 0 })
      .where('partnership_id', '=', row.partnership_id)
      .execute();
    await db.insertInto('risk_questionnaires').values(row).execute();
  }

  insertAssessment(db: Executor, row: Insertable<RiskAssessmentsTable>) {
    return db.insertInto('risk_assessments').values(row).execute();
  }

  assessments(caseId: string) {
    return this.db
      .selectFrom('risk_assessments')
      .leftJoin('users', 'users.id', 'risk_assessments.assessed_by')
      .leftJoin('case_parties', 'case_parties.id', 'risk_assessments.party_id')
      .selectAll('risk_assessments')
      .select(['users.name as assessor_name', 'case_parties.display_name as party_name'])
      .where('risk_assessments.case_id', '=', caseId)
      .orderBy('risk_assessments.created_at', 'desc')
      .execute();
  }

  assessment(id: string) {
    return this.db.selectFrom('risk_assessments').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The latest assessment of each open case whose reassessment falls due by `by`. */
  async reassessmentsDue(partnershipId: string, caseIds: string[] | null, by: string) {
    let q = this.db
      .selectFrom('risk_assessments')
      .innerJoin('cases', 'cases.id', 'risk_assessments.case_id')
      .select([
        'risk_assessments.id',
        'risk_assessments.case_id',
        'risk_assessments.band',
        'risk_assessments.assessed_on',
        'risk_assessments.reassess_due_on',
        'risk_assessments.created_at',
        'cases.reference',
        'cases.title',
        'cases.lead_team_id',
        'cases.spoc_user_id',
      ])
      .where('cases.partnership_id', '=', partnershipId)
      .where('cases.status', '!=', 'closed');
    if (caseIds) {
      if (!caseIds.length) return [];
      q = q.where('cases.id', 'in', caseIds);
    }
    const rows = await q.orderBy('risk_assessments.created_at', 'desc').execute();
    const latest = new Map<string, (typeof rows)[number]>();
    for (const r of rows) if (!latest.has(r.case_id)) latest.set(r.case_id, r);
    return [...latest.values()]
      .filter((r) => r.reassess_due_on && r.reassess_due_on <= by)
      .sort((a, b) => a.reassess_due_on!.localeCompare(b.reassess_due_on!));
  }
}
