import { reportsSecurityMigrations } from './security-migrations.js';
import type { Kysely, Migration } from 'kysely';

async function core(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('report_categories')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('group_code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('public_name', 'text', (c) => c.notNull())
    .addColumn('public_description', 'text', (c) => c.notNull())
    .addColumn('nsir_category', 'text', (c) => c.notNull())
    .addColumn('sla_hours', 'integer', (c) => c.notNull())
    .addColumn('environmental', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('report_categories_code', ['partnership_id', 'code'])
    .execute();
  await db.schema
    .createTable('report_place_contexts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('ask_public', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('report_place_contexts_code', ['partnership_id', 'code'])
    .execute();
  await db.schema
    .createTable('report_states')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('public_label', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // open | closed
    .addColumn('initial', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('report_states_code', ['partnership_id', 'code'])
    .execute();
  await db.schema
    .createTable('report_routing_rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull())
    .addColumn('category_code', 'text', (c) => c.notNull())
    .addColumn('place_context', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('delivery_method', 'text', (c) => c.notNull()) // queue | email
    .addColumn('delivery_email', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();
  await db.schema
    .createIndex('report_routing_rules_lookup')
    .on('report_routing_rules')
    .columns(['partnership_id', 'active'])
    .execute();

  await db.schema
    .createTable('reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('category_code', 'text', (c) => c.notNull())
    .addColumn('hate_incident', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('location_text', 'text')
    .addColumn('postcode', 'text')
    .addColumn('lat', 'double precision')
    .addColumn('lng', 'double precision')
    .addColumn('location_precision', 'text', (c) => c.notNull())
    .addColumn('place_contexts', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('occurred_kind', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text')
    .addColumn('occurred_note', 'text')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('reporter_kind', 'text', (c) => c.notNull())
    .addColumn('anonymous', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reporter_name', 'text')
    .addColumn('reporter_email', 'text')
    .addColumn('reporter_phone', 'text')
    .addColumn('reporter_phone_e164', 'text')
    .addColumn('contact_preference', 'text', (c) => c.notNull())
    .addColumn('reporter_person_id', 'text')
    .addColumn('state_code', 'text', (c) => c.notNull())
    .addColumn('state_kind', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('created_by_user_id', 'text')
    .addColumn('api_key_id', 'text')
    .addColumn('external_id', 'text')
    .addColumn('photo_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('reports_reference', ['partnership_id', 'reference'])
    .execute();
  await db.schema
    .createIndex('reports_created')
    .on('reports')
    .columns(['partnership_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('reports_person')
    .on('reports')
    .columns(['partnership_id', 'reporter_person_id'])
    .execute();
  await db.schema
    .createIndex('reports_postcode')
    .on('reports')
    .columns(['partnership_id', 'postcode'])
    .execute();
  await db.schema.createIndex('reports_lat').on('reports').columns(['partnership_id', 'lat']).execute();
  await db.schema
    .createIndex('reports_api_key')
    .on('reports')
    .columns(['api_key_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('report_team_routes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull())
    .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id'))
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('delivery_method', 'text', (c) => c.notNull())
    .addColumn('delivery_email', 'text')
    .addColumn('outbox_id', 'text')
    .addColumn('assigned_user_id', 'text')
    .addColumn('assigned_at', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('routed_at', 'text', (c) => c.notNull())
    .addColumn('routed_by_user_id', 'text')
    .addColumn('reason', 'text')
    .addColumn('ended_at', 'text')
    .addColumn('ended_reason', 'text')
    .execute();
  await db.schema
    .createIndex('report_team_routes_report')
    .on('report_team_routes')
    .column('report_id')
    .execute();
  await db.schema
    .createIndex('report_team_routes_team')
    .on('report_team_routes')
    .columns(['team_id', 'active'])
    .execute();

  await db.schema
    .createTable('report_updates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull())
    .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('author_label', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('state_code', 'text', (c) => c.notNull())
    .addColumn('public', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('text', 'text')
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema
    .createIndex('report_updates_report')
    .on('report_updates')
    .columns(['report_id', 'at'])
    .execute();

  await db.schema
    .createTable('report_photos')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull())
    .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id'))
    .addColumn('stored_name', 'text', (c) => c.notNull())
    .addColumn('original_name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('report_photos_report').on('report_photos').column('report_id').execute();
}

async function environment(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('environmental_jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id'))
    .addColumn('category_code', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('assigned_user_id', 'text')
    .addColumn('raised_at', 'text', (c) => c.notNull())
    .addColumn('target_at', 'text', (c) => c.notNull())
    .addColumn('scheduled_for', 'text')
    .addColumn('started_at', 'text')
    .addColumn('cleared_at', 'text')
    .addColumn('cancelled_reason', 'text')
    .addColumn('notes', 'text')
    .addColumn('location_text', 'text')
    .addColumn('lat', 'double precision')
    .addColumn('lng', 'double precision')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('environmental_jobs_reference', ['partnership_id', 'reference'])
    .execute();
  await db.schema
    .createIndex('environmental_jobs_state')
    .on('environmental_jobs')
    .columns(['partnership_id', 'state'])
    .execute();
  await db.schema
    .createIndex('environmental_jobs_raised')
    .on('environmental_jobs')
    .columns(['partnership_id', 'raised_at'])
    .execute();
  await db.schema
    .createIndex('environmental_jobs_report')
    .on('environmental_jobs')
    .column('report_id')
    .execute();
}

async function apiKeys(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('partner_api_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('key_prefix', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('rate_limit_per_minute', 'integer', (c) => c.notNull())
    .addColumn('created_by_user_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
}

/** A person's recent reports (the Case Review prompt) were found through the date index, scanning every recent report. */
async function personIndex(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('reports_person').execute();
  await db.schema
    .createIndex('reports_person_created')
    .on('reports')
    .columns(['partnership_id', 'reporter_person_id', 'created_at'])
    .execute();
}

export const reportsMigrations: Record<string, Migration> = {
  '20261128_20_reports_core': { up: core },
  '20261128_21_reports_environmental_jobs': { up: environment },
  '20261128_22_reports_api_keys': { up: apiKeys },
  '20261128_23_reports_person_index': { up: personIndex },
  ...reportsSecurityMigrations,
};
