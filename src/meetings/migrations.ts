import type { CreateTableBuilder, Kysely, Migration } from 'kysely';

type Col = [name: string, type: 'text' | 'integer', notNull?: boolean];

async function table(db: Kysely<any>, name: string, cols: Col[]): Promise<void> {
  let t: CreateTableBuilder<string, string> = db.schema
    .createTable(name)
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partnership_id', 'text', (c) => c.notNull());
  for (const [col, type, notNull] of cols) t = t.addColumn(col, type, (c) => (notNull ? c.notNull() : c));
  await t.execute();
}

async function up(db: Kysely<any>): Promise<void> {
  await table(db, 'meeting_series', [
    ['code', 'text', true],
    ['type', 'text', true],
    ['name', 'text', true],
    ['schedule', 'text', true],
    ['start_time', 'text', true],
    ['duration_minutes', 'integer', true],
    ['venue', 'text', true],
    ['ward', 'text'],
    ['confidentiality', 'text', true],
    ['protective_marking', 'text', true],
    ['terms_of_reference', 'text', true],
    ['agenda_cutoff_days', 'integer', true],
    ['minutes_deadline_days', 'integer', true],
    ['minutes_per_case', 'integer', true],
    ['chairs', 'text', true],
    ['active', 'integer', true],
    ['created_at', 'text', true],
    ['updated_at', 'text', true],
  ]);
  await table(db, 'meeting_series_members', [
    ['series_id', 'text', true],
    ['agency_id', 'text'],
    ['user_id', 'text'],
  ]);
  await table(db, 'meetings', [
    ['series_id', 'text', true],
    ['scheduled_on', 'text', true],
    ['held_on', 'text', true],
    ['start_time', 'text', true],
    ['venue', 'text', true],
    ['status', 'text', true],
    ['moved_reason', 'text'],
    ['cancelled_reason', 'text'],
    ['chairs', 'text', true],
    ['agenda_status', 'text', true],
    ['agenda_built_at', 'text'],
    ['minutes_status', 'text', true],
    ['minutes_due_on', 'text'],
    ['minutes_circulated_at', 'text'],
    ['minutes_approved_at', 'text'],
    ['minutes_approved_in', 'text'],
    ['minutes_hash', 'text'],
    ['created_at', 'text', true],
    ['updated_at', 'text', true],
  ]);
  await db.schema
    .createIndex('meetings_series_date')
    .on('meetings')
    .columns(['series_id', 'scheduled_on'])
    .unique()
    .execute();
  await db.schema
    .createIndex('meetings_held_on')
    .on('meetings')
    .columns(['partnership_id', 'held_on'])
    .execute();
  await table(db, 'meeting_items', [
    ['meeting_id', 'text', true],
    ['position', 'integer', true],
    ['section', 'text', true],
    ['kind', 'text', true],
    ['title', 'text', true],
    ['detail', 'text', true],
    ['case_id', 'text'],
    ['person_id', 'text'],
    ['premises_id', 'text'],
    ['source_id', 'text'],
    ['href', 'text'],
    ['minutes_allowed', 'integer', true],
    ['notes', 'text'],
    ['decision', 'text'],
    ['decision_note', 'text'],
    ['decided_at', 'text'],
    ['created_at', 'text', true],
  ]);
  await db.schema
    .createIndex('meeting_items_meeting')
    .on('meeting_items')
    .columns(['meeting_id', 'position'])
    .execute();
  await table(db, 'meeting_attendance', [
    ['meeting_id', 'text', true],
    ['user_id', 'text'],
    ['name', 'text', true],
    ['agency', 'text', true],
    ['status', 'text', true],
  ]);
  await table(db, 'meeting_actions', [
    ['series_id', 'text', true],
    ['meeting_id', 'text', true],
    ['item_id', 'text'],
    ['case_id', 'text'],
    ['text', 'text', true],
    ['owner_user_id', 'text', true],
    ['owner_name', 'text', true],
    ['owner_agency', 'text', true],
    ['due_on', 'text', true],
    ['rag', 'text', true],
    ['status', 'text', true],
    ['outcome', 'text'],
    ['done_on', 'text'],
    ['created_by', 'text', true],
    ['created_at', 'text', true],
    ['updated_at', 'text', true],
  ]);
  await db.schema
    .createIndex('meeting_actions_series')
    .on('meeting_actions')
    .columns(['series_id', 'status'])
    .execute();
  await db.schema
    .createIndex('meeting_actions_owner')
    .on('meeting_actions')
    .columns(['owner_user_id', 'status'])
    .execute();
  await table(db, 'meeting_action_updates', [
    ['action_id', 'text', true],
    ['meeting_id', 'text'],
    ['at', 'text', true],
    ['by_name', 'text', true],
    ['text', 'text', true],
    ['carried', 'text'],
  ]);
  await table(db, 'meeting_packs', [
    ['meeting_id', 'text', true],
    ['kind', 'text', true],
    ['version', 'integer', true],
    ['number', 'text', true],
    ['issued_at', 'text', true],
    ['issued_by', 'text', true],
    ['content', 'text', true],
    ['hash', 'text', true],
    ['sealed', 'integer', true],
  ]);
  await db.schema
    .createIndex('meeting_packs_version')
    .on('meeting_packs')
    .columns(['meeting_id', 'kind', 'version'])
    .unique()
    .execute();
}

export const meetingsMigrations: Record<string, Migration> = {
  '20261208_60_meetings': { up },
};
