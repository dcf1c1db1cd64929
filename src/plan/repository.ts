import type { Db } from '../platform/db/database.js';
import type { Executor } from '../platform/audit/service.js';
import type {
  PlanActionsTable,
  PlanBoardsTable,
  PlanImportsTable,
  PlanProgressTable,
  PlansTable,
  PlanStatusChangesTable,
  TransparencyPublicationsTable,
} from './tables.js';
import './tables.js';

/** All SQL of the action plan. */
export class PlanRepository {
  constructor(private readonly db: Db) {}

  plans(partnershipId: string) {
    return this.db
      .selectFrom('plans')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .orderBy('year', 'desc')
      .execute();
  }

  plan(partnershipId: string, planId: string) {
    return this.db
      .selectFrom('plans')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where('id', '=', planId)
      .executeTakeFirst();
  }

  planForYear(partnershipId: string, year: number) {
    return this.db
      .selectFrom('plans')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where('year', '=', year)
      .executeTakeFirst();
  }

  latestPlan(partnershipId: string) {
    return this.db
      .selectFrom('plans')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .orderBy('year', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  async insertPlan(db: Executor, row: PlansTable): Promise<void> {
    await db.insertInto('plans').values(row).execute();
  }

  async insertActions(db: Executor, rows: PlanActionsTable[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 50)
      await db
        .insertInto('plan_actions')
        .values(rows.slice(i, i + 50))
        .execute();
  }

  actions(planId: string, db: Executor = this.db) {
    return db
      .selectFrom('plan_actions')
      .selectAll()
      .where('plan_id', '=', planId)
      .orderBy('number')
      .execute();
  }

  action(partnershipId: string, id: string, db: Executor = this.db) {
    return db
      .selectFrom('plan_actions')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  async updateAction(
    db: Executor,
    id: string,
    set: Partial<Omit<PlanActionsTable, 'id' | 'partnership_id' | 'plan_id'>>,
  ): Promise<void> {
    await db.updateTable('plan_actions').set(set).where('id', '=', id).execute();
  }

  async insertProgress(db: Executor, rows: PlanProgressTable[]): Promise<void> {
    if (rows.length) await db.insertInto('plan_progress').values(rows).execute();
  }

  async insertStatusChanges(db: Executor, rows: PlanStatusChangesTable[]): Promise<void> {
    if (rows.length) await db.insertInto('plan_status_changes').values(rows).execute();
  }

  progress(actionId: string) {
    return this.db
      .selectFrom('plan_progress')
      .selectAll()
      .where('action_id', '=', actionId)
      .orderBy('created_at', 'desc')
      .execute();
  }

  statusHistory(actionId: string) {
    return this.db
      .selectFrom('plan_status_changes')
      .selectAll()
      .where('action_id', '=', actionId)
      .orderBy('changed_at', 'desc')
      .execute();
  }

  /** Status changes of a plan's actions at or after a moment, oldest first, with the action. */
  statusChangesSince(planId: string, sinceIso: string) {
    return this.db
      .selectFrom('plan_status_changes')
      .innerJoin('plan_actions', 'plan_actions.id', 'plan_status_changes.action_id')
      .select([
        'plan_actions.id as action_id',
        'plan_actions.number',
        'plan_actions.title',
        'plan_actions.theme',
        'plan_status_changes.from_rag',
        'plan_status_changes.to_rag',
        'plan_status_changes.reason',
        'plan_status_changes.user_name',
        'plan_status_changes.changed_at',
      ])
      .where('plan_actions.plan_id', '=', planId)
      .where('plan_status_changes.changed_at', '>=', sinceIso)
      .where('plan_status_changes.from_rag', 'is not', null)
      .orderBy('plan_status_changes.changed_at')
      .execute();
  }

  boards(partnershipId: string) {
    return this.db
      .selectFrom('plan_boards')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .orderBy('met_on', 'desc')
      .execute();
  }

  async insertBoard(row: PlanBoardsTable, db: Executor = this.db): Promise<void> {
    await db.insertInto('plan_boards').values(row).execute();
  }

  boardOn(partnershipId: string, metOn: string) {
    return this.db
      .selectFrom('plan_boards')
      .select('id')
      .where('partnership_id', '=', partnershipId)
      .where('met_on', '=', metOn)
      .executeTakeFirst();
  }

  async insertImport(row: PlanImportsTable): Promise<void> {
    await this.db.insertInto('plan_imports').values(row).execute();
  }

  pendingImport(partnershipId: string, id: string) {
    return this.db
      .selectFrom('plan_imports')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where('id', '=', id)
      .where('applied_at', 'is', null)
      .executeTakeFirst();
  }

  async insertPublication(db: Executor, row: TransparencyPublicationsTable): Promise<void> {
    await db.insertInto('transparency_publications').values(row).execute();
  }

  latestPublication(partnershipId: string) {
    return this.db
      .selectFrom('transparency_publications')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .orderBy('published_at', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  async markImportApplied(db: Executor, id: string, at: string): Promise<void> {
    await db.updateTable('plan_imports').set({ applied_at: at }).where('id', '=', id).execute();
  }
}

/** The partnership a command or export names (by code), or the first; read-only. */
export function partnershipFor(db: Db, by: { id?: string; code?: string }) {
  let q = db.selectFrom('partnerships').select(['id', 'code', 'name']);
  if (by.id) q = q.where('id', '=', by.id);
  else if (by.code) q = q.where('code', '=', by.code);
  return q.orderBy('created_at').limit(1).executeTakeFirst();
}
