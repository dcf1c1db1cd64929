import type { Kysely, Migration } from 'kysely';

async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('outreach_contacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text')
    .addColumn('occurred_on', 'text')
    .addColumn('occurred_time', 'text')
    .addColumn('occurred_at', 'text')
    .addColumn('place_kind', 'text')
    .addColumn('place_name', 'text')
    .addColumn('place_detail', 'text')
    .addColumn('lat', 'double precision')
    .addColumn('lng', 'double precision')
    .addColumn('person_choice', 'text')
    .addColumn('person_id', 'text')
    .addColumn('person_record_id', 'text')
    .addColumn('given_name', 'text')
    .addColumn('surname', 'text')
    .addColumn('known_as', 'text')
    .addColumn('approx_age', 'integer')
    .addColumn('appearance', 'text')
    .addColumn('seen', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('needs', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('support_offered', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('support_accepted', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('signposted', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('welfare_concern', 'integer')
    .addColumn('welfare_notes', 'text')
    .addColumn('slavery_indicators', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('slavery_notes', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .execute();
  await db.schema
    .createIndex('outreach_contacts_person')
    .on('outreach_contacts')
    .columns(['partnership_id', 'person_id', 'occurred_at'])
    .execute();
  await db.schema
    .createIndex('outreach_contacts_status')
    .on('outreach_contacts')
    .columns(['partnership_id', 'status', 'occurred_at'])
    .execute();
  await db.schema
    .createTable('hub_attendances')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('attended_on', 'text', (c) => c.notNull())
    .addColumn('attended', 'integer', (c) => c.notNull())
    .addColumn('partners', 'text')
    .addColumn('outcomes', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('notes', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('hub_attendances_person')
    .on('hub_attendances')
    .columns(['partnership_id', 'person_id'])
    .execute();
  await db.schema
    .createTable('nrm_records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('referred_on', 'text', (c) => c.notNull())
    .addColumn('referred_by', 'text', (c) => c.notNull())
    .addColumn('first_responder', 'text', (c) => c.notNull())
    .addColumn('reasonable_grounds', 'text', (c) => c.notNull())
    .addColumn('reasonable_grounds_on', 'text')
    .addColumn('conclusive_grounds', 'text', (c) => c.notNull())
    .addColumn('conclusive_grounds_on', 'text')
    .addColumn('notes', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('nrm_records_person')
    .on('nrm_records')
    .columns(['partnership_id', 'person_id'])
    .execute();
  await db.schema
    .createTable('street_counts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull())
    .addColumn('night', 'text', (c) => c.notNull())
    .addColumn('area', 'text', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('street_counts_night_area', ['partnership_id', 'night', 'area'])
    .execute();
  await db.schema
    .createTable('luscombe_cases')
    .addColumn('partnership_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('party_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('luscombe_cases_pk', ['partnership_id', 'person_id'])
    .execute();
}

const counts = (t: any) =>
  t
    .addColumn('engagements', 'integer', (c: any) => c.notNull().defaultTo(0))
    .addColumn('warnings', 'integer', (c: any) => c.notNull().defaultTo(0))
    .addColumn('fixed_penalties', 'integer', (c: any) => c.notNull().defaultTo(0))
    .addColumn('seizures', 'integer', (c: any) => c.notNull().defaultTo(0))
    .addColumn('arrests', 'integer', (c: any) => c.notNull().defaultTo(0));

async function patrols(db: Kysely<any>): Promise<void> {
  await counts(
    db.schema
      .createTable('patrol_shifts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('partnership_id', 'text', (c) => c.notNull())
      .addColumn('patrolled_by', 'text', (c) => c.notNull())
      .addColumn('place_name', 'text', (c) => c.notNull())
      .addColumn('lat', 'double precision', (c) => c.notNull())
      .addColumn('lng', 'double precision', (c) => c.notNull())
      .addColumn('radius_metres', 'integer', (c) => c.notNull())
      .addColumn('starts_at', 'text', (c) => c.notNull())
      .addColumn('ends_at', 'text', (c) => c.notNull()),
  )
    .addColumn('notes', 'text')
    .addColumn('created_by', 'text', (c: any) => c.notNull())
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .execute();
  await db.schema
    .createIndex('patrol_shifts_start')
    .on('patrol_shifts')
    .columns(['partnership_id', 'starts_at'])
    .execute();
  await counts(
    db.schema
      .createTable('joint_operations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('partnership_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('briefing', 'text', (c) => c.notNull())
      .addColumn('agencies', 'text', (c) => c.notNull())
      .addColumn('officers', 'text')
      .addColumn('held_on', 'text', (c) => c.notNull())
      .addColumn('place_name', 'text', (c) => c.notNull())
      .addColumn('lat', 'double precision', (c) => c.notNull())
      .addColumn('lng', 'double precision', (c) => c.notNull())
      .addColumn('radius_metres', 'integer', (c) => c.notNull()),
  )
    .addColumn('outcome_notes', 'text')
    .addColumn('report_refs', 'text', (c: any) => c.notNull().defaultTo('[]'))
    .addColumn('created_by', 'text', (c: any) => c.notNull())
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .execute();
}

async function campaigns(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('comms_campaigns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('channels', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('campaign_figures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('comms_campaigns.id'))
    .addColumn('recorded_on', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('reach', 'integer', (c) => c.notNull())
    .addColumn('engagement', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('campaign_figures_campaign')
    .on('campaign_figures')
    .columns(['campaign_id', 'recorded_on'])
    .execute();
}

export const operationsMigrations: Record<string, Migration> = {
  '20261207_80_operations': { up },
  '20261207_81_operations_patrols': { up: patrols },
  '20261207_82_operations_campaigns': { up: campaigns },
};
