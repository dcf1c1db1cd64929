import type { CreateTableBuilder, Kysely, Migration } from 'kysely';

type Table = CreateTableBuilder<any, any>;
type Col = [name: string, type: 'text' | 'integer', notNull?: boolean];

/** Adds columns from a compact list: [name, type, notNull]. */
const columns = (t: Table, cols: Col[]) =>
  cols.reduce<Table>(
    (acc, [name, type, notNull]) => acc.addColumn(name, type, (c) => (notNull ? c.notNull() : c)),
    t,
  );

const base = (db: Kysely<any>, name: string): Table =>
  db.schema
    .createTable(name)
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull());

const child = (db: Kysely<any>, name: string): Table =>
  base(db, name).addColumn('case_review_id', 'text', (c) => c.notNull().references('case_reviews.id'));

async function core(db: Kysely<any>): Promise<void> {
  await columns(base(db, 'case_review_settings'), [
    ['settings', 'text', true],
    ['updated_at', 'text', true],
    ['updated_by', 'text'],
  ])
    .addUniqueConstraint('case_review_settings_partnership', ['partnership_id'])
    .execute();

  await columns(base(db, 'case_reviews'), [
    ['reference', 'text', true],
    ['channel', 'text', true],
    ['status', 'text', true],
    ['state', 'text', true],
    ['applicant_kind', 'text', true],
    ['victim_type', 'text', true],
    ['victim_name', 'text', true],
    ['victim_organisation', 'text'],
    ['victim_address', 'text'],
    ['victim_postcode', 'text'],
    ['victim_email', 'text'],
    ['victim_phone', 'text'],
    ['victim_person_id', 'text'],
    ['victim_person_record_id', 'text'],
    ['applicant_name', 'text'],
    ['applicant_relationship', 'text'],
    ['applicant_organisation', 'text'],
    ['applicant_person_id', 'text'],
    ['contact_email', 'text'],
    ['contact_phone', 'text'],
    ['contact_address', 'text'],
    ['contact_postcode', 'text'],
    ['contact_method', 'text', true],
    ['support_needs', 'text', true],
    ['support_details', 'text'],
    ['description', 'text', true],
    ['location_text', 'text', true],
    ['location_postcode', 'text'],
    ['place_key', 'text', true],
    ['started_month', 'text'],
    ['hate_related', 'integer', true],
    ['hate_details', 'text'],
    ['consent_method', 'text'],
    ['consent_on', 'text'],
    ['consent_note', 'text'],
    ['received_on', 'text', true],
    ['clock_starts_on', 'text'],
    ['duplicate_of', 'text'],
    ['duplicate_reason', 'text'],
    ['acknowledged_on', 'text'],
    ['threshold_decided_on', 'text'],
    ['threshold_met', 'integer'],
    ['discretionary_review', 'integer', true],
    ['panel_on', 'text'],
    ['panel_location', 'text'],
    ['review_held_on', 'text'],
    ['recommendations_count', 'integer'],
    ['outcome_sent_on', 'text'],
    ['outcome_summary', 'text'],
    ['appeal_requested_on', 'text'],
    ['appeal_decided_on', 'text'],
    ['appeal_upheld', 'integer'],
    ['closed_on', 'text'],
    ['closure', 'text'],
    ['victim_invited_on', 'text'],
    ['victim_participation', 'text'],
    ['impact_statement', 'text'],
    ['impact_statement_on', 'text'],
    ['created_by_user_id', 'text'],
    ['submitted_at', 'text', true],
    ['updated_at', 'text', true],
  ])
    .addUniqueConstraint('case_reviews_reference', ['partnership_id', 'reference'])
    .execute();
  await db.schema
    .createIndex('case_reviews_status')
    .on('case_reviews')
    .columns(['partnership_id', 'status'])
    .execute();
  await db.schema
    .createIndex('case_reviews_victim')
    .on('case_reviews')
    .columns(['partnership_id', 'victim_person_id'])
    .execute();
  await db.schema
    .createIndex('case_reviews_received')
    .on('case_reviews')
    .columns(['partnership_id', 'received_on'])
    .execute();

  await columns(child(db, 'case_review_agency_reports'), [
    ['agency', 'text', true],
    ['agency_name', 'text', true],
    ['first_reported', 'text'],
    ['last_reported', 'text'],
    ['reference_numbers', 'text'],
    ['sort_order', 'integer', true],
  ]).execute();

  await columns(child(db, 'case_review_events'), [
    ['kind', 'text', true],
    ['action', 'text', true],
    ['from_status', 'text'],
    ['to_status', 'text'],
    ['on_date', 'text', true],
    ['summary', 'text', true],
    ['details', 'text', true],
    ['user_id', 'text'],
    ['user_name', 'text'],
    ['at', 'text', true],
  ]).execute();
  await db.schema
    .createIndex('case_review_events_review')
    .on('case_review_events')
    .columns(['case_review_id', 'at'])
    .execute();

  await columns(child(db, 'case_review_files'), [
    ['kind', 'text', true],
    ['stored_name', 'text', true],
    ['original_name', 'text', true],
    ['mime', 'text', true],
    ['bytes', 'integer', true],
    ['uploaded_by', 'text'],
    ['created_at', 'text', true],
  ]).execute();

  await columns(child(db, 'case_review_letters'), [
    ['kind', 'text', true],
    ['channel', 'text', true],
    ['recipient', 'text', true],
    ['subject', 'text', true],
    ['body', 'text', true],
    ['outbox_id', 'text'],
    ['created_at', 'text', true],
  ]).execute();
}

async function threshold(db: Kysely<any>): Promise<void> {
  await columns(child(db, 'case_review_complaints'), [
    ['label', 'text', true],
    ['agency_name', 'text', true],
    ['complained_on', 'text', true],
    ['behaviour_on', 'text'],
    ['hate', 'integer', true],
    ['evidence', 'text', true],
    ['agency_reference', 'text'],
    ['added_by', 'text', true],
    ['added_at', 'text', true],
    ['removed_at', 'text'],
  ]).execute();

  await columns(child(db, 'case_review_complaint_marks'), [
    ['complaint_ref', 'text', true],
    ['same_incident_as', 'text'],
    ['excluded_reason', 'text'],
    ['updated_by', 'text', true],
    ['updated_at', 'text', true],
  ])
    .addUniqueConstraint('case_review_complaint_marks_ref', ['case_review_id', 'complaint_ref'])
    .execute();

  await columns(child(db, 'case_review_assessments'), [
    ['assessed_on', 'text', true],
    ['settings', 'text', true],
    ['complaints', 'text', true],
    ['result', 'text', true],
    ['met', 'integer', true],
    ['user_id', 'text'],
    ['created_at', 'text', true],
  ]).execute();
}

async function review(db: Kysely<any>): Promise<void> {
  await columns(child(db, 'case_review_panel_members'), [
    ['name', 'text', true],
    ['organisation', 'text'],
    ['role', 'text', true],
    ['independent', 'integer', true],
    ['sort_order', 'integer', true],
  ]).execute();

  await columns(child(db, 'case_review_info_requests'), [
    ['agency_name', 'text', true],
    ['agency_id', 'text'],
    ['asked_for', 'text', true],
    ['requested_on', 'text', true],
    ['due_on', 'text', true],
    ['received_on', 'text'],
    ['summary', 'text'],
    ['created_by', 'text', true],
    ['created_at', 'text', true],
  ]).execute();

  await columns(child(db, 'case_review_recommendations'), [
    ['text', 'text', true],
    ['owner', 'text', true],
    ['due_on', 'text', true],
    ['status', 'text', true],
    ['completed_on', 'text'],
    ['sort_order', 'integer', true],
    ['created_at', 'text', true],
  ]).execute();

  await columns(base(db, 'case_review_recommendation_updates'), [
    ['recommendation_id', 'text', true],
    ['on_date', 'text', true],
    ['status', 'text', true],
    ['note', 'text', true],
    ['user_id', 'text'],
    ['user_name', 'text'],
    ['at', 'text', true],
  ]).execute();
  await db.schema
    .createIndex('case_review_recommendation_updates_rec')
    .on('case_review_recommendation_updates')
    .column('recommendation_id')
    .execute();
}

export const caseReviewMigrations: Record<string, Migration> = {
  '20261128_40_case_review_core': { up: core },
  '20261128_41_case_review_threshold': { up: threshold },
  '20261128_42_case_review_review': { up: review },
};
