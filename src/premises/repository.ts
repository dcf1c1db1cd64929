import type { Db } from '../platform/db/database.js';
import type { Executor } from '../platform/audit/service.js';
import type { PremisesItemsTable, PremisesTable } from './tables.js';
import './tables.js';

/** All SQL about licensed premises and their Traffic Light Scheme items. */
export class PremisesRepository {
  constructor(private readonly db: Db) {}

  list(partnershipId: string): Promise<PremisesTable[]> {
    return this.db
      .selectFrom('premises')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .orderBy('name')
      .execute();
  }

  get(partnershipId: string, id: string): Promise<PremisesTable | undefined> {
    return this.db
      .selectFrom('premises')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  items(partnershipId: string, premisesIds?: string[]): Promise<PremisesItemsTable[]> {
    let q = this.db.selectFrom('premises_items').selectAll().where('partnership_id', '=', partnershipId);
    if (premisesIds) q = q.where('premises_id', 'in', premisesIds.length ? premisesIds : ['-']);
    return q.orderBy('occurred_on', 'desc').execute();
  }

  async insertPremises(db: Executor, rows: PremisesTable[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 200)
      await db
        .insertInto('premises')
        .values(rows.slice(i, i + 200))
        .execute();
  }

  async insertItems(db: Executor, rows: PremisesItemsTable[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 200)
      await db
        .insertInto('premises_items')
        .values(rows.slice(i, i + 200))
        .execute();
  }
}
