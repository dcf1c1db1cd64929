import type { Kysely, Migration } from 'kysely';

async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('plan_actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('theme', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('progress', 'text', (c) => c.notNull())
    .addColumn('impact', 'text', (c) => c.notNull())
    .addColumn('rag', 'text', (c) => c.notNull()) // red | amber | green
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('plan_actions_number', ['partnership_id', 'number'])
    .execute();
  await db.schema
    .createTable('plan_updates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull())
    .addColumn('action_id', 'text', (c) => c.notNull().references('plan_actions.id'))
    .addColumn('rag', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('user_name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('plan_updates_action')
    .on('plan_updates')
    .columns(['action_id', 'created_at'])
    .execute();
}

export const planMigrations: Record<string, Migration> = { '20261128_60_plan': { up } };
