import type { Db } from '../platform/db/database.js';
import type { Executor } from '../platform/audit/service.js';
import type { PlanActionsTable, PlanUpdatesTable } from './tables.js';
import './tables.js';

/** All SQL about the action plan: its actions and their progress updates. */
export class PlanRepository {
  constructor(private readonly db: Db) {}

  async insertActions(db: Executor, rows: readonly PlanActionsTable[]): Promise<void> {
    for (const row of rows) await db.insertInto('plan_actions').values(row).execute();
  }

  actions(partnershipId: string) {
    return this.db
      .selectFrom('plan_actions')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .orderBy('number')
      .execute();
  }

  action(partnershipId: string, id: string) {
    return this.db
      .selectFrom('plan_actions')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  updates(actionId: string) {
    return this.db
      .selectFrom('plan_updates')
      .selectAll()
      .where('action_id', '=', actionId)
      .orderBy('created_at', 'desc')
      .execute();
  }

  /** Records a progress update and makes it the action's status and latest progress. */
  async addUpdate(db: Executor, row: PlanUpdatesTable): Promise<void> {
    await db.insertInto('plan_updates').values(row).execute();
    await db
      .updateTable('plan_actions')
      .set({ rag: row.rag, progress: row.note, updated_at: row.created_at })
      .where('id', '=', row.action_id)
      .execute();
  }
}
