import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../platform/db/database.js';
import type { Executor } from '../platform/audit/service.js';
import type { LadderBreachesTable, LadderStepsTable } from './tables.js';

/** All SQL about the powers ladder: steps and their breaches. */
export class LadderRepository {
  constructor(private readonly db: Db) {}

  insertStep(db: Executor, row: Insertable<LadderStepsTable>) {
    return db.insertInto('ladder_steps').values(row).execute();
  }

  updateStep(db: Executor, id: string, set: Updateable<LadderStepsTable>) {
    return db.updateTable('ladder_steps').set(set).where('id', '=', id).execute();
  }

  step(id: string) {
    return this.db.selectFrom('ladder_steps').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Steps with the subject's name and the case reference. */
  private withNames() {
    return this.db
      .selectFrom('ladder_steps')
      .innerJoin('cases', 'cases.id', 'ladder_steps.case_id')
      .leftJoin('case_parties', 'case_parties.id', 'ladder_steps.party_id')
      .leftJoin('case_places', 'case_places.id', 'ladder_steps.place_id')
      .selectAll('ladder_steps')
      .select([
        'cases.reference as case_reference',
        'cases.title as case_title',
        'case_parties.display_name as party_name',
        'case_parties.dob as party_dob',
        'case_places.label as place_label',
      ]);
  }

  stepsForCase(caseId: string) {
    return this.withNames()
      .where('ladder_steps.case_id', '=', caseId)
      .orderBy('ladder_steps.issued_on', 'desc')
      .orderBy('ladder_steps.created_at', 'desc')
      .execute();
  }

  /** Every step about the subject across the partnership's cases (for the rule checks and the ladder view). */
  stepsForSubject(partnershipId: string, subjectKey: string) {
    return this.withNames()
      .where('ladder_steps.partnership_id', '=', partnershipId)
      .where('ladder_steps.subject_key', '=', subjectKey)
      .orderBy('ladder_steps.issued_on', 'desc')
      .execute();
  }

  /** Steps of these cases that have not ended. */
  openStepsForCases(caseIds: string[]) {
    if (!caseIds.length) return Promise.resolve([]);
    return this.withNames()
      .where('ladder_steps.case_id', 'in', caseIds)
      .where('ladder_steps.outcome_on', 'is', null)
      .execute();
  }

  insertBreach(db: Executor, row: Insertable<LadderBreachesTable>) {
    return db.insertInto('ladder_breaches').values(row).execute();
  }

  breaches(stepIds: string[]) {
    if (!stepIds.length) return Promise.resolve([]);
    return this.db
      .selectFrom('ladder_breaches')
      .selectAll()
      .where('step_id', 'in', stepIds)
      .orderBy('breached_on')
      .execute();
  }

  async countsByPower(partnershipId: string, from: string, to: string): Promise<Record<string, number>> {
    const rows = await this.db
      .selectFrom('ladder_steps')
      .select(['power', (eb) => eb.fn.countAll<number>().as('n')])
      .where('partnership_id', '=', partnershipId)
      .where('issued_on', '>=', from)
      .where('issued_on', '<=', to)
      .groupBy('power')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.power, Number(r.n)]));
  }
}
