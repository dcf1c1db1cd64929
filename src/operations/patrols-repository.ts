/** SQL of patrol shifts and joint operations. */
import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';
import type { JointOperationsTable, PatrolShiftsTable } from './tables.js';
import './tables.js';

export class PatrolsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  insertShift(row: PatrolShiftsTable) {
    return this.db.insertInto('patrol_shifts').values(row).execute();
  }

  insertOperation(row: JointOperationsTable) {
    return this.db.insertInto('joint_operations').values(row).execute();
  }

  shifts(partnershipId: string, from?: string) {
    let q = this.db.selectFrom('patrol_shifts').selectAll().where('partnership_id', '=', partnershipId);
    if (from) q = q.where('starts_at', '>=', from);
    return q.orderBy('starts_at', 'desc').execute();
  }

  operations(partnershipId: string) {
    return this.db
      .selectFrom('joint_operations')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .orderBy('held_on', 'desc')
      .execute();
  }

  operation(partnershipId: string, id: string) {
    return this.db
      .selectFrom('joint_operations')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where('id', '=', id)
      .executeTakeFirst();
  }
}
