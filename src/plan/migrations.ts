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

/**
 * Plans per partnership and year. The first table held one plan per partnership (unique action
 * numbers per partnership), so it is rebuilt: actions move into a plan per partnership (the year
 * they were loaded in), each progress update is kept, and each status it set becomes a status change.
 */
async function plansPerYear(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('themes', 'text', (c) => c.notNull()) // JSON: the themes in order
    .addColumn('copied_from', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('plans_year', ['partnership_id', 'year'])
    .execute();
  await db.schema.alterTable('plan_updates').renameTo('plan_updates_old').execute();
  await db.schema.alterTable('plan_actions').renameTo('plan_actions_old').execute();
  await db.schema
    .createTable('plan_actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('theme', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('lead_officer_id', 'text')
    .addColumn('lead_officer_name', 'text')
    .addColumn('target_date', 'text')
    .addColumn('progress', 'text', (c) => c.notNull())
    .addColumn('impact', 'text', (c) => c.notNull())
    .addColumn('rag', 'text', (c) => c.notNull())
    .addColumn('rag_reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('figure_key', 'text')
    .addColumn('figure_target', 'real')
    .addColumn('carried_from', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('plan_actions_plan_number', ['plan_id', 'number'])
    .execute();
  await db.schema
    .createTable('plan_progress')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull())
    .addColumn('action_id', 'text', (c) => c.notNull().references('plan_actions.id'))
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('user_name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('plan_status_changes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull())
    .addColumn('action_id', 'text', (c) => c.notNull().references('plan_actions.id'))
    .addColumn('from_rag', 'text')
    .addColumn('to_rag', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('user_name', 'text')
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('plan_boards')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull())
    .addColumn('met_on', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('plan_boards_date', ['partnership_id', 'met_on'])
    .execute();
  await db.schema
    .createTable('plan_imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('changes', 'text', (c) => c.notNull()) // JSON
    .addColumn('user_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('applied_at', 'text')
    .execute();
  await copyOldPlans(db);
  await db.schema.dropTable('plan_updates_old').execute();
  await db.schema.dropTable('plan_actions_old').execute();
  await db.schema
    .createIndex('plan_actions_plan')
    .on('plan_actions')
    .columns(['plan_id', 'number'])
    .execute();
  await db.schema
    .createIndex('plan_progress_action')
    .on('plan_progress')
    .columns(['action_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('plan_status_action')
    .on('plan_status_changes')
    .columns(['action_id', 'changed_at'])
    .execute();
}

async function copyOldPlans(db: Kysely<any>): Promise<void> {
  const old = await db.selectFrom('plan_actions_old').selectAll().orderBy('number').execute();
  const plans = new Map<string, string>();
  for (const a of old) {
    if (!plans.has(a.partnership_id)) {
      const id = `${a.id}-plan`;
      const themes = [
        ...new Set(old.filter((x) => x.partnership_id === a.partnership_id).map((x) => x.theme)),
      ];
      await db
        .insertInto('plans')
        .values({
          id,
          partnership_id: a.partnership_id,
          year: Number(String(a.updated_at).slice(0, 4)),
          title: 'Action plan',
          themes: JSON.stringify(themes.filter(Boolean)),
          copied_from: null,
          created_at: a.updated_at,
        })
        .execute();
      plans.set(a.partnership_id, id);
    }
    await db
      .insertInto('plan_actions')
      .values({ ...a, plan_id: plans.get(a.partnership_id), rag_reason: '' })
      .execute();
  }
  const updates = await db.selectFrom('plan_updates_old').selectAll().orderBy('created_at').execute();
  const last = new Map<string, string>();
  for (const u of updates) {
    const common = {
      partnership_id: u.partnership_id,
      action_id: u.action_id,
      user_id: u.user_id,
      user_name: u.user_name,
    };
    await db
      .insertInto('plan_progress')
      .values({ id: u.id, ...common, note: u.note, created_at: u.created_at })
      .execute();
    const from = last.get(u.action_id) ?? 'amber';
    if (from !== u.rag)
      await db
        .insertInto('plan_status_changes')
        .values({
          id: `${u.id}-s`,
          ...common,
          from_rag: from,
          to_rag: u.rag,
          reason: u.note,
          changed_at: u.created_at,
        })
        .execute();
    last.set(u.action_id, u.rag);
  }
}

/** What the partnership has published on its public transparency page: a snapshot, never live data. */
async function transparency(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('transparency_publications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('published_by_id', 'text')
    .addColumn('published_by_name', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull()) // JSON: the published sections, small numbers already hidden
    .execute();
  await db.schema
    .createIndex('transparency_publications_latest')
    .on('transparency_publications')
    .columns(['partnership_id', 'published_at'])
    .execute();
}

export const planMigrations: Record<string, Migration> = {
  '20261128_60_plan': { up },
  '20261208_60_plan_years': { up: plansPerYear },
  '20261208_61_transparency': { up: transparency },
};
