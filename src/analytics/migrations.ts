import type { Kysely, Migration } from 'kysely';

async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('analytics_records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('record_key', 'text', (c) => c.notNull())
    .addColumn('import_id', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text')
    .addColumn('occurred_on', 'text')
    .addColumn('lon', 'double precision', (c) => c.notNull())
    .addColumn('lat', 'double precision', (c) => c.notNull())
    .addColumn('easting', 'double precision', (c) => c.notNull())
    .addColumn('northing', 'double precision', (c) => c.notNull())
    .addColumn('location', 'text')
    .addColumn('area_code', 'text')
    .addColumn('outcome', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // The key that makes a re-import add nothing.
  await db.schema
    .createIndex('analytics_records_key')
    .unique()
    .on('analytics_records')
    .columns(['partnership_id', 'source', 'record_key'])
    .execute();
  await db.schema
    .createIndex('analytics_records_query')
    .on('analytics_records')
    .columns(['partnership_id', 'source', 'month', 'category'])
    .execute();

  await db.schema
    .createTable('analytics_imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('files', 'text', (c) => c.notNull())
    .addColumn('rows_read', 'integer', (c) => c.notNull())
    .addColumn('imported', 'integer', (c) => c.notNull())
    .addColumn('already_held', 'integer', (c) => c.notNull())
    .addColumn('outside', 'integer', (c) => c.notNull())
    .addColumn('no_location', 'integer', (c) => c.notNull())
    .addColumn('rejected', 'integer', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('user_label', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('analytics_imports_partnership')
    .on('analytics_imports')
    .columns(['partnership_id', 'started_at'])
    .execute();

  await db.schema
    .createTable('analytics_sources')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('mapping', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('analytics_sources_code')
    .unique()
    .on('analytics_sources')
    .columns(['partnership_id', 'code'])
    .execute();

  await db.schema
    .createTable('analytics_assets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('asset_ref', 'text', (c) => c.notNull())
    .addColumn('label', 'text')
    .addColumn('status', 'text')
    .addColumn('lon', 'double precision', (c) => c.notNull())
    .addColumn('lat', 'double precision', (c) => c.notNull())
    .addColumn('easting', 'double precision', (c) => c.notNull())
    .addColumn('northing', 'double precision', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('import_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('analytics_assets_ref')
    .unique()
    .on('analytics_assets')
    .columns(['partnership_id', 'kind', 'asset_ref'])
    .execute();

  await db.schema
    .createTable('analytics_areas')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('geometry', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('analytics_areas_code')
    .unique()
    .on('analytics_areas')
    .columns(['partnership_id', 'code'])
    .execute();

  await db.schema
    .createTable('analytics_profiles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('area_code', 'text', (c) => c.notNull())
    .addColumn('month_from', 'text', (c) => c.notNull())
    .addColumn('month_to', 'text', (c) => c.notNull())
    .addColumn('findings', 'text', (c) => c.notNull())
    .addColumn('recommendations', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_by_label', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('analytics_profiles_partnership')
    .on('analytics_profiles')
    .columns(['partnership_id', 'updated_at'])
    .execute();
}

export const analyticsMigrations: Record<string, Migration> = {
  '20261128_70_analytics': { up },
};
