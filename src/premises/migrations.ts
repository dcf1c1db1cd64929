import type { Kysely, Migration } from 'kysely';

async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('premises')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('postcode', 'text')
    .addColumn('lat', 'double precision')
    .addColumn('lng', 'double precision')
    .addColumn('licence_ref', 'text')
    .addColumn('licence_type', 'text', (c) => c.notNull()) // pub | bar | nightclub | restaurant | late-night-refreshment | off-licence
    .addColumn('hours', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('premises_partnership')
    .on('premises')
    .columns(['partnership_id', 'name'])
    .execute();
  await db.schema
    .createTable('premises_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull())
    .addColumn('premises_id', 'text', (c) => c.notNull().references('premises.id'))
    .addColumn('kind', 'text', (c) => c.notNull()) // penalty | credit
    .addColumn('type', 'text', (c) => c.notNull()) // incident type or credit type
    .addColumn('occurred_on', 'text', (c) => c.notNull()) // YYYY-MM-DD
    .addColumn('summary', 'text')
    .addColumn('points', 'integer')
    .addColumn('points_reason', 'text')
    .addColumn('source_type', 'text')
    .addColumn('source_id', 'text')
    .addColumn('recorded_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('premises_items_premises')
    .on('premises_items')
    .columns(['premises_id', 'occurred_on'])
    .execute();
}

/** Colour history, the named licensing officer and the date the premises was first licensed. */
async function colours(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('premises').addColumn('licensed_from', 'text').execute();
  await db.schema.alterTable('premises').addColumn('officer_user_id', 'text').execute();
  await db.schema
    .createTable('premises_colour_changes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull())
    .addColumn('premises_id', 'text', (c) => c.notNull().references('premises.id'))
    .addColumn('from_band', 'text') // null: the first colour recorded
    .addColumn('to_band', 'text', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('changed_on', 'text', (c) => c.notNull()) // YYYY-MM-DD, London
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('premises_colour_changes_on')
    .on('premises_colour_changes')
    .columns(['partnership_id', 'changed_on'])
    .execute();
}

export const premisesMigrations: Record<string, Migration> = {
  '20261128_50_premises': { up },
  '20261208_51_premises_colours': { up: colours },
};
