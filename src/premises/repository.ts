import type { Db } from '../platform/db/database.js';
import type { Executor } from '../platform/audit/service.js';
import type { PremisesColourChangesTable, PremisesItemsTable, PremisesTable } from './tables.js';
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

  /** Each premises' latest recorded colour. */
  async lastColours(db: Executor, partnershipId: string): Promise<Map<string, string>> {
    const rows = await db
      .selectFrom('premises_colour_changes')
      .select(['premises_id', 'to_band', 'created_at', 'id'])
      .where('partnership_id', '=', partnershipId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return new Map(rows.map((r) => [r.premises_id, r.to_band]));
  }

  async insertColourChanges(db: Executor, rows: PremisesColourChangesTable[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 200)
      await db
        .insertInto('premises_colour_changes')
        .values(rows.slice(i, i + 200))
        .execute();
  }

  /** Colour changes on London dates from..to (inclusive); a premises' first colour is left out. */
  colourChanges(partnershipId: string, fromDate: string, toDate: string, premisesId?: string) {
    let q = this.db
      .selectFrom('premises_colour_changes as c')
      .innerJoin('premises as p', 'p.id', 'c.premises_id')
      .select([
        'c.id',
        'c.premises_id',
        'p.name',
        'c.from_band',
        'c.to_band',
        'c.total',
        'c.reason',
        'c.changed_on',
        'c.created_at',
      ])
      .where('c.partnership_id', '=', partnershipId)
      .where('c.changed_on', '>=', fromDate)
      .where('c.changed_on', '<=', toDate)
      .where('c.from_band', 'is not', null);
    if (premisesId) q = q.where('c.premises_id', '=', premisesId);
    return q.orderBy('c.changed_on', 'desc').orderBy('c.created_at', 'desc').execute();
  }
}
