import type { Db } from '../platform/db/database.js';
import type { Executor } from '../platform/audit/service.js';
import type { NtePacksTable } from './tables.js';
import './tables.js';

/** All SQL about issued packs and the night-time economy settings. */
export class NteRepository {
  constructor(private readonly db: Db) {}

  async settings(partnershipId: string, db: Executor = this.db): Promise<string | null> {
    const row = await db
      .selectFrom('nte_settings')
      .select('definition')
      .where('partnership_id', '=', partnershipId)
      .executeTakeFirst();
    return row?.definition ?? null;
  }

  async saveSettings(db: Executor, partnershipId: string, definition: string, at: string, by: string | null) {
    const updated = await db
      .updateTable('nte_settings')
      .set({ definition, updated_at: at, updated_by: by })
      .where('partnership_id', '=', partnershipId)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0)
      await db
        .insertInto('nte_settings')
        .values({ partnership_id: partnershipId, definition, updated_at: at, updated_by: by })
        .execute();
  }

  async latestVersion(db: Executor, partnershipId: string, kind: string, period: string): Promise<number> {
    const row = await db
      .selectFrom('nte_packs')
      .select((eb) => eb.fn.max<number>('version').as('v'))
      .where('partnership_id', '=', partnershipId)
      .where('kind', '=', kind)
      .where('period', '=', period)
      .executeTakeFirst();
    return Number(row?.v ?? 0);
  }

  insert(db: Executor, row: NtePacksTable) {
    return db.insertInto('nte_packs').values(row).execute();
  }

  get(partnershipId: string, id: string): Promise<NtePacksTable | undefined> {
    return this.db
      .selectFrom('nte_packs')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  latest(partnershipId: string, kind: string, period: string): Promise<NtePacksTable | undefined> {
    return this.db
      .selectFrom('nte_packs')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where('kind', '=', kind)
      .where('period', '=', period)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  list(partnershipId: string, limit = 60) {
    return this.db
      .selectFrom('nte_packs')
      .select(['id', 'kind', 'period', 'version', 'title', 'issued_at', 'issued_by_label'])
      .where('partnership_id', '=', partnershipId)
      .orderBy('issued_at', 'desc')
      .limit(limit)
      .execute();
  }

  partnershipIds(): Promise<{ id: string }[]> {
    return this.db.selectFrom('partnerships').select('id').execute();
  }
}
