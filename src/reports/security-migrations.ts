import { type Kysely, type Migration } from 'kysely';

/** Each photo records what the virus check said ('clean', or 'not scanned' when no scanner is set up). */
async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('report_photos')
    .addColumn('scan_status', 'text', (c) => c.notNull().defaultTo('not scanned'))
    .execute();
}

export const reportsSecurityMigrations: Record<string, Migration> = {
  '20261207_20_reports_photo_scan': { up },
};
