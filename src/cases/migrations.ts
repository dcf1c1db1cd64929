import type { CreateTableBuilder, Kysely, Migration } from 'kysely';

type Table = CreateTableBuilder<string, never>;

/** id, partnership_id and the case the row belongs to. */
const caseChild = (t: Table) =>
  t
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'));

async function core(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('case_type', 'text', (c) => c.notNull()) // personal | nuisance | environmental | hate | housing
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // open | in-progress | under-review | closed
    .addColumn('risk_band', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('lead_team_id', 'text', (c) => c.notNull())
    .addColumn('spoc_user_id', 'text')
    .addColumn('location', 'text')
    .addColumn('opened_on', 'text', (c) => c.notNull())
    .addColumn('closed_on', 'text')
    .addColumn('opened_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('cases_reference', ['partnership_id', 'reference'])
    .execute();
  await db.schema
    .createIndex('cases_lead_team')
    .on('cases')
    .columns(['partnership_id', 'lead_team_id', 'status'])
    .execute();
  await db.schema.createIndex('cases_spoc').on('cases').columns(['partnership_id', 'spoc_user_id']).execute();

  await caseChild(db.schema.createTable('case_teams'))
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addColumn('added_by', 'text', (c) => c.notNull())
    .addUniqueConstraint('case_teams_unique', ['case_id', 'team_id'])
    .execute();
  await db.schema.createIndex('case_teams_team').on('case_teams').columns(['team_id', 'case_id']).execute();

  await caseChild(db.schema.createTable('case_reports'))
    .addColumn('report_id', 'text', (c) => c.notNull())
    .addColumn('linked_at', 'text', (c) => c.notNull())
    .addColumn('linked_by', 'text', (c) => c.notNull())
    .addUniqueConstraint('case_reports_unique', ['case_id', 'report_id'])
    .execute();
  await db.schema.createIndex('case_reports_report').on('case_reports').column('report_id').execute();

  await caseChild(db.schema.createTable('case_parties'))
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('person_record_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull()) // victim | complainant | witness | perpetrator | representative
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('dob', 'text')
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .addColumn('address', 'text')
    .addColumn('postcode', 'text')
    .addColumn('health_notes', 'text')
    .addColumn('contact_every', 'integer') // agreed contact: every N units
    .addColumn('contact_unit', 'text') // day | week | month
    .addColumn('contact_agreed_on', 'text')
    .addColumn('case_review_told_on', 'text')
    .addColumn('preferred_channel', 'text')
    .addColumn('consent_to_share', 'integer')
    .addColumn('consent_recorded_on', 'text')
    .addColumn('sharing_preferences', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('removed_at', 'text')
    .execute();
  await db.schema.createIndex('case_parties_case').on('case_parties').column('case_id').execute();
  await db.schema
    .createIndex('case_parties_person')
    .on('case_parties')
    .columns(['partnership_id', 'person_id'])
    .execute();

  await caseChild(db.schema.createTable('case_places'))
    .addColumn('kind', 'text', (c) => c.notNull()) // place | premises
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('postcode', 'text')
    .addColumn('uprn', 'text')
    .addColumn('premises_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('removed_at', 'text')
    .execute();
  await db.schema.createIndex('case_places_case').on('case_places').column('case_id').execute();

  await caseChild(db.schema.createTable('case_events'))
    .addColumn('kind', 'text', (c) => c.notNull()) // transition | party | place | team | report | share | decision ...
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text')
    .addColumn('on_date', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('user_name', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_events_case').on('case_events').columns(['case_id', 'at']).execute();
}

async function risk(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('risk_questionnaires')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema
    .createIndex('risk_questionnaires_active')
    .on('risk_questionnaires')
    .columns(['partnership_id', 'active'])
    .execute();

  await caseChild(db.schema.createTable('risk_assessments'))
    .addColumn('party_id', 'text')
    .addColumn('questionnaire_id', 'text', (c) => c.notNull().references('risk_questionnaires.id'))
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('score', 'double precision', (c) => c.notNull())
    .addColumn('band', 'text', (c) => c.notNull())
    .addColumn('breakdown', 'text', (c) => c.notNull())
    .addColumn('assessed_on', 'text', (c) => c.notNull())
    .addColumn('reassess_due_on', 'text')
    .addColumn('notes', 'text')
    .addColumn('assessed_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('risk_assessments_case')
    .on('risk_assessments')
    .columns(['case_id', 'created_at'])
    .execute();
}

async function work(db: Kysely<any>): Promise<void> {
  await caseChild(db.schema.createTable('case_actions'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('owner_team_id', 'text')
    .addColumn('owner_user_id', 'text')
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // open | in-progress | done | cancelled
    .addColumn('rag', 'text', (c) => c.notNull()) // red | amber | green
    .addColumn('completed_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_actions_case').on('case_actions').column('case_id').execute();
  await db.schema
    .createIndex('case_actions_owner')
    .on('case_actions')
    .columns(['partnership_id', 'owner_user_id', 'status'])
    .execute();
  await db.schema
    .createIndex('case_actions_due')
    .on('case_actions')
    .columns(['partnership_id', 'status', 'due_on'])
    .execute();

  await caseChild(db.schema.createTable('ladder_steps'))
    // The subject: a person (party) or, for closure powers, premises (place).
    .addColumn('subject_key', 'text', (c) => c.notNull()) // person:<person id> | place:<place id>
    .addColumn('party_id', 'text', (c) => c.references('case_parties.id'))
    .addColumn('person_id', 'text')
    .addColumn('place_id', 'text', (c) => c.references('case_places.id'))
    .addColumn('power', 'text', (c) => c.notNull())
    .addColumn('issued_on', 'text', (c) => c.notNull())
    .addColumn('expires_on', 'text')
    .addColumn('review_on', 'text')
    .addColumn('conditions', 'text')
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('outcome_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ladder_steps_subject')
    .on('ladder_steps')
    .columns(['partnership_id', 'subject_key'])
    .execute();
  await db.schema.createIndex('ladder_steps_case').on('ladder_steps').column('case_id').execute();
  await db.schema
    .createIndex('ladder_steps_expiry')
    .on('ladder_steps')
    .columns(['partnership_id', 'expires_on'])
    .execute();

  await db.schema
    .createTable('ladder_breaches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull())
    .addColumn('step_id', 'text', (c) => c.notNull().references('ladder_steps.id'))
    .addColumn('breached_on', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('response', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ladder_breaches_step').on('ladder_breaches').column('step_id').execute();
}

async function contactAndSharing(db: Kysely<any>): Promise<void> {
  await caseChild(db.schema.createTable('case_contacts'))
    .addColumn('party_id', 'text', (c) => c.notNull().references('case_parties.id'))
    .addColumn('contacted_on', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull()) // outbound | inbound
    .addColumn('successful', 'integer', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('user_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('case_contacts_case')
    .on('case_contacts')
    .columns(['case_id', 'contacted_on'])
    .execute();

  await caseChild(db.schema.createTable('case_shares'))
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('include_sensitive', 'integer', (c) => c.notNull())
    .addColumn('shared_at', 'text', (c) => c.notNull())
    .addColumn('shared_by', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_by', 'text')
    .execute();
  await db.schema
    .createIndex('case_shares_agency')
    .on('case_shares')
    .columns(['agency_id', 'revoked_at'])
    .execute();
  await db.schema.createIndex('case_shares_case').on('case_shares').column('case_id').execute();
}

async function maracAndDocuments(db: Kysely<any>): Promise<void> {
  await caseChild(db.schema.createTable('marac_referrals'))
    .addColumn('party_id', 'text', (c) => c.notNull().references('case_parties.id'))
    .addColumn('risk_assessment_id', 'text', (c) => c.notNull().references('risk_assessments.id'))
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('form', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // submitted | accepted | returned | withdrawn
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('submitted_by', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decision_note', 'text')
    .addColumn('meeting_id', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('marac_referrals_status')
    .on('marac_referrals')
    .columns(['partnership_id', 'status'])
    .execute();
  await db.schema.createIndex('marac_referrals_case').on('marac_referrals').column('case_id').execute();

  await caseChild(db.schema.createTable('case_documents'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('stored_name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .addColumn('deleted_by', 'text')
    .execute();
  await db.schema.createIndex('case_documents_case').on('case_documents').column('case_id').execute();
}

export const casesMigrations: Record<string, Migration> = {
  '20261128_30_cases_core': { up: core },
  '20261128_31_cases_risk': { up: risk },
  '20261128_32_cases_actions_ladder': { up: work },
  '20261128_33_cases_contacts_sharing': { up: contactAndSharing },
  '20261128_34_cases_marac_documents': { up: maracAndDocuments },
};
