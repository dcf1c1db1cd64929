import type { Kysely, Migration } from 'kysely';

async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('nte_packs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'text')
    .addColumn('issued_by_label', 'text', (c) => c.notNull())
    .addUniqueConstraint('nte_packs_version', ['partnership_id', 'kind', 'period', 'version'])
    .execute();
  await db.schema
    .createTable('nte_settings')
    .addColumn('partnership_id', 'text', (c) => c.primaryKey())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();
}

export const nteMigrations: Record<string, Migration> = {
  '20261208_80_nte_packs': { up },
};
