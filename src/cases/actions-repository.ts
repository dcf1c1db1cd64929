import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../platform/db/database.js';
import type { Executor } from '../platform/audit/service.js';
import type { CaseActionsTable } from './tables.js';

export interface ActionFilter {
  partnershipId: string;
  caseIds?: string[];
  ownerUserId?: string;
  /** Actions owned by the team but by no one in it. */
  unassignedTeamId?: string;
  ownerTeamId?: string;
  openOnly?: boolean;
  dueBefore?: string;
}

/** All SQL about case actions. */
export class ActionsRepository {
  constructor(private readonly db: Db) {}

  insert(db: Executor, row: Insertable<CaseActionsTable>) {
    return db.insertInto('case_actions').values(row).execute();
  }

  update(db: Executor, id: string, set: Updateable<CaseActionsTable>) {
    return db.updateTable('case_actions').set(set).where('id', '=', id).execute();
  }

  get(id: string) {
    return this.db.selectFrom('case_actions').selectAll().where('id', '=', id).executeTakeFirst();
  }

  list(f: ActionFilter) {
    let q = this.db
      .selectFrom('case_actions')
      .innerJoin('cases', 'cases.id', 'case_actions.case_id')
      .leftJoin('teams', 'teams.id', 'case_actions.owner_team_id')
      .leftJoin('users', 'users.id', 'case_actions.owner_user_id')
      .selectAll('case_actions')
      .select([
        'cases.reference as case_reference',
        'cases.title as case_title',
        'teams.name as owner_team_name',
        'users.name as owner_user_name',
      ])
      .where('case_actions.partnership_id', '=', f.partnershipId);
    if (f.caseIds) {
      if (!f.caseIds.length) return Promise.resolve([]);
      q = q.where('case_actions.case_id', 'in', f.caseIds);
    }
    if (f.ownerUserId && f.unassignedTeamId) {
      const { ownerUserId, unassignedTeamId } = f;
      q = q.where((eb) =>
        eb.or([
          eb('case_actions.owner_user_id', '=', ownerUserId),
          eb.and([
            eb('case_actions.owner_team_id', '=', unassignedTeamId),
            eb('case_actions.owner_user_id', 'is', null),
          ]),
        ]),
      );
    } else if (f.ownerUserId) q = q.where('case_actions.owner_user_id', '=', f.ownerUserId);
    if (f.ownerTeamId) q = q.where('case_actions.owner_team_id', '=', f.ownerTeamId);
    if (f.openOnly) q = q.where('case_actions.status', 'in', ['open', 'in-progress']);
    if (f.dueBefore) q = q.where('case_actions.due_on', '<', f.dueBefore);
    return q.orderBy('case_actions.due_on').orderBy('case_actions.created_at').execute();
  }
}
