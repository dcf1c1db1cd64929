import type { Kysely, Migration } from 'kysely';

async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('persons')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('person_records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id'))
    .addColumn('source_type', 'text', (c) => c.notNull()) // report | call | case | case-review | import
    .addColumn('source_id', 'text')
    .addColumn('role', 'text', (c) => c.notNull()) // victim | complainant | witness | perpetrator | reporter | representative
    .addColumn('team_id', 'text')
    .addColumn('given_name', 'text')
    .addColumn('surname', 'text')
    .addColumn('dob', 'text')
    .addColumn('phone', 'text')
    .addColumn('phone_e164', 'text')
    .addColumn('email', 'text')
    .addColumn('address', 'text')
    .addColumn('postcode', 'text')
    .addColumn('uprn', 'text')
    .addColumn('link_band', 'text') // link | possible | none | staff
    .addColumn('link_weight', 'double precision')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('person_records_person').on('person_records').column('person_id').execute();
  await db.schema
    .createIndex('person_records_source')
    .on('person_records')
    .columns(['source_type', 'source_id'])
    .execute();
  await db.schema
    .createIndex('person_records_phone')
    .on('person_records')
    .columns(['partnership_id', 'phone_e164'])
    .execute();
  await db.schema
    .createIndex('person_records_email')
    .on('person_records')
    .columns(['partnership_id', 'email'])
    .execute();
  await db.schema
    .createIndex('person_records_surname')
    .on('person_records')
    .columns(['partnership_id', 'surname'])
    .execute();
  await db.schema
    .createIndex('person_records_postcode')
    .on('person_records')
    .columns(['partnership_id', 'postcode'])
    .execute();
}

async function upLinkage(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('possible_matches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull())
    .addColumn('record_a_id', 'text', (c) => c.notNull().references('person_records.id'))
    .addColumn('record_b_id', 'text', (c) => c.notNull().references('person_records.id'))
    .addColumn('match_weight', 'double precision', (c) => c.notNull())
    .addColumn('probability', 'double precision', (c) => c.notNull())
    .addColumn('explanation', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // pending | confirmed | rejected
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('possible_matches_status')
    .on('possible_matches')
    .columns(['partnership_id', 'status'])
    .execute();
}

/** Merged persons point at the person they became; thresholds per partnership; re-link runs. */
async function upRelink(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('persons').addColumn('merged_into', 'text').execute();
  await db.schema
    .createTable('people_settings')
    .addColumn('partnership_id', 'text', (c) => c.primaryKey())
    .addColumn('min_reports', 'integer', (c) => c.notNull())
    .addColumn('window_days', 'integer', (c) => c.notNull())
    .addColumn('radius_metres', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('people_relink_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull())
    .addColumn('job_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull()) // queued | running | finished | failed
    .addColumn('requested_by', 'text')
    .addColumn('records', 'integer')
    .addColumn('persons_before', 'integer')
    .addColumn('persons_after', 'integer')
    .addColumn('possible_matches', 'integer')
    .addColumn('records_moved', 'integer')
    .addColumn('error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema
    .createIndex('people_relink_runs_partnership')
    .on('people_relink_runs')
    .columns(['partnership_id', 'created_at'])
    .execute();
}

/** Restriction of processing (UK GDPR Art. 18) and corrections with their history (Art. 16). */
async function upPrivacy(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('persons').addColumn('restricted_at', 'text').execute();
  await db.schema.alterTable('persons').addColumn('restricted_by', 'text').execute();
  await db.schema.alterTable('persons').addColumn('restriction_reason', 'text').execute();
  // Roles that see every person (need-to-know), as a JSON list; null: the default list.
  await db.schema.alterTable('people_settings').addColumn('whole_partnership_roles', 'text').execute();
  await db.schema
    .createTable('person_corrections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('source_type', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text')
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('old_value', 'text')
    .addColumn('new_value', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('corrected_by', 'text', (c) => c.notNull())
    .addColumn('corrected_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('person_corrections_record')
    .on('person_corrections')
    .columns(['partnership_id', 'record_id'])
    .execute();
}

export const peopleMigrations: Record<string, Migration> = {
  '20261128_10_people_records': { up },
  '20261128_11_people_linkage': { up: upLinkage },
  '20261128_12_people_relink': { up: upRelink },
  '20261208_10_people_privacy': { up: upPrivacy },
};
