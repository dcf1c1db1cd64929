import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../platform/db/database.js';
import type { Executor } from '../platform/audit/service.js';
import type {
  MeetingActionsTable,
  MeetingActionUpdatesTable,
  MeetingAttendanceTable,
  MeetingItemsTable,
  MeetingPacksTable,
  MeetingSeriesMembersTable,
  MeetingSeriesTable,
  MeetingsTable,
} from './tables.js';
import './tables.js';

/** All SQL about meeting series, meetings, their items, attendance, actions and packs. */
export class MeetingsRepository {
  constructor(private readonly db: Db) {}

  // ---- Series ----

  insertSeries(db: Executor, row: MeetingSeriesTable) {
    return db.insertInto('meeting_series').values(row).execute();
  }

  updateSeries(db: Executor, id: string, set: Updateable<MeetingSeriesTable>) {
    return db.updateTable('meeting_series').set(set).where('id', '=', id).execute();
  }

  series(partnershipId: string, id: string) {
    return this.db
      .selectFrom('meeting_series')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  allSeries(partnershipId: string) {
    return this.db
      .selectFrom('meeting_series')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .orderBy('name')
      .execute();
  }

  members(seriesIds: string[]) {
    if (!seriesIds.length) return Promise.resolve([]);
    return this.db
      .selectFrom('meeting_series_members')
      .leftJoin('users', 'users.id', 'meeting_series_members.user_id')
      .leftJoin('agencies', 'agencies.id', 'meeting_series_members.agency_id')
      .selectAll('meeting_series_members')
      .select(['users.name as user_name', 'agencies.name as agency_name'])
      .where('series_id', 'in', seriesIds)
      .execute();
  }

  async replaceMembers(db: Executor, seriesId: string, rows: MeetingSeriesMembersTable[]) {
    await db.deleteFrom('meeting_series_members').where('series_id', '=', seriesId).execute();
    if (rows.length) await db.insertInto('meeting_series_members').values(rows).execute();
  }

  // ---- Meetings ----

  /** Adds meetings, skipping any the series has for that rule date already (moved or cancelled ones are kept). */
  async insertMeetings(db: Executor, rows: MeetingsTable[]) {
    for (let i = 0; i < rows.length; i += 100)
      await db
        .insertInto('meetings')
        .values(rows.slice(i, i + 100))
        .onConflict((oc) => oc.columns(['series_id', 'scheduled_on']).doNothing())
        .execute();
  }

  async lastScheduledOn(seriesId: string): Promise<string | null> {
    const r = await this.db
      .selectFrom('meetings')
      .select('scheduled_on')
      .where('series_id', '=', seriesId)
      // Extra meetings carry a suffix after their date: only the rule's dates count.
      .where('scheduled_on', 'not like', '%+%')
      .orderBy('scheduled_on', 'desc')
      .limit(1)
      .executeTakeFirst();
    return r?.scheduled_on ?? null;
  }

  meeting(partnershipId: string, id: string) {
    return this.db
      .selectFrom('meetings')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  meetings(
    partnershipId: string,
    filter: { seriesIds?: string[]; from?: string; to?: string; status?: string } = {},
  ) {
    let q = this.db.selectFrom('meetings').selectAll().where('partnership_id', '=', partnershipId);
    if (filter.seriesIds) q = q.where('series_id', 'in', filter.seriesIds.length ? filter.seriesIds : ['-']);
    if (filter.from) q = q.where('held_on', '>=', filter.from);
    if (filter.to) q = q.where('held_on', '<=', filter.to);
    if (filter.status) q = q.where('status', '=', filter.status);
    return q.orderBy('held_on').orderBy('start_time').execute();
  }

  /** The series' meeting held last before this date (not cancelled). */
  previousMeeting(seriesId: string, before: string) {
    return this.db
      .selectFrom('meetings')
      .selectAll()
      .where('series_id', '=', seriesId)
      .where('held_on', '<', before)
      .where('status', '!=', 'cancelled')
      .orderBy('held_on', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  updateMeeting(db: Executor, id: string, set: Updateable<MeetingsTable>) {
    return db.updateTable('meetings').set(set).where('id', '=', id).execute();
  }

  // ---- Items ----

  items(meetingId: string, db: Executor = this.db) {
    return db
      .selectFrom('meeting_items')
      .selectAll()
      .where('meeting_id', '=', meetingId)
      .orderBy('position')
      .execute();
  }

  item(meetingId: string, id: string) {
    return this.db
      .selectFrom('meeting_items')
      .selectAll()
      .where('meeting_id', '=', meetingId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  async insertItems(db: Executor, rows: MeetingItemsTable[]) {
    for (let i = 0; i < rows.length; i += 50)
      await db
        .insertInto('meeting_items')
        .values(rows.slice(i, i + 50))
        .execute();
  }

  updateItem(db: Executor, id: string, set: Updateable<MeetingItemsTable>) {
    return db.updateTable('meeting_items').set(set).where('id', '=', id).execute();
  }

  deleteItems(db: Executor, meetingId: string, opts: { id?: string; builtOnly?: boolean }) {
    let q = db.deleteFrom('meeting_items').where('meeting_id', '=', meetingId);
    if (opts.id) q = q.where('id', '=', opts.id);
    if (opts.builtOnly) q = q.where('kind', '!=', 'custom');
    return q.execute();
  }

  // ---- Attendance ----

  attendance(meetingId: string) {
    return this.db
      .selectFrom('meeting_attendance')
      .selectAll()
      .where('meeting_id', '=', meetingId)
      .orderBy('agency')
      .orderBy('name')
      .execute();
  }

  async replaceAttendance(db: Executor, meetingId: string, rows: MeetingAttendanceTable[]) {
    await db.deleteFrom('meeting_attendance').where('meeting_id', '=', meetingId).execute();
    if (rows.length) await db.insertInto('meeting_attendance').values(rows).execute();
  }

  // ---- Actions ----

  insertAction(db: Executor, row: Insertable<MeetingActionsTable>) {
    return db.insertInto('meeting_actions').values(row).execute();
  }

  updateAction(db: Executor, id: string, set: Updateable<MeetingActionsTable>) {
    return db.updateTable('meeting_actions').set(set).where('id', '=', id).execute();
  }

  action(partnershipId: string, id: string) {
    return this.db
      .selectFrom('meeting_actions')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  actions(
    partnershipId: string,
    filter: {
      seriesId?: string;
      meetingIds?: string[];
      ownerUserId?: string;
      status?: string;
      raisedBefore?: string;
    },
  ) {
    let q = this.db
      .selectFrom('meeting_actions')
      .innerJoin('meetings', 'meetings.id', 'meeting_actions.meeting_id')
      .selectAll('meeting_actions')
      .select('meetings.held_on as raised_on')
      .where('meeting_actions.partnership_id', '=', partnershipId);
    if (filter.seriesId) q = q.where('meeting_actions.series_id', '=', filter.seriesId);
    if (filter.meetingIds)
      q = q.where('meeting_actions.meeting_id', 'in', filter.meetingIds.length ? filter.meetingIds : ['-']);
    if (filter.ownerUserId) q = q.where('meeting_actions.owner_user_id', '=', filter.ownerUserId);
    if (filter.status) q = q.where('meeting_actions.status', '=', filter.status);
    if (filter.raisedBefore) q = q.where('meetings.held_on', '<', filter.raisedBefore);
    return q.orderBy('meeting_actions.due_on').orderBy('meeting_actions.created_at').execute();
  }

  insertActionUpdate(db: Executor, row: MeetingActionUpdatesTable) {
    return db.insertInto('meeting_action_updates').values(row).execute();
  }

  actionUpdates(actionIds: string[]) {
    if (!actionIds.length) return Promise.resolve([]);
    return this.db
      .selectFrom('meeting_action_updates')
      .selectAll()
      .where('action_id', 'in', actionIds)
      .orderBy('at')
      .execute();
  }

  // ---- Packs ----

  insertPack(db: Executor, row: MeetingPacksTable) {
    return db.insertInto('meeting_packs').values(row).execute();
  }

  updatePack(db: Executor, id: string, set: Updateable<MeetingPacksTable>) {
    return db.updateTable('meeting_packs').set(set).where('id', '=', id).execute();
  }

  packs(meetingId: string, db: Executor = this.db) {
    return db
      .selectFrom('meeting_packs')
      .select(['id', 'meeting_id', 'kind', 'version', 'number', 'issued_at', 'issued_by', 'hash', 'sealed'])
      .where('meeting_id', '=', meetingId)
      .orderBy('kind')
      .orderBy('version', 'desc')
      .execute();
  }

  pack(meetingId: string, id: string) {
    return this.db
      .selectFrom('meeting_packs')
      .selectAll()
      .where('meeting_id', '=', meetingId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  // ---- People and agencies of the partnership (platform tables, read only) ----

  staff(partnershipId: string) {
    return this.db
      .selectFrom('users')
      .innerJoin('agencies', 'agencies.id', 'users.agency_id')
      .select(['users.id', 'users.name', 'users.email', 'users.agency_id', 'agencies.name as agency_name'])
      .where('users.partnership_id', '=', partnershipId)
      .where('users.disabled', '=', 0)
      .orderBy('users.name')
      .execute();
  }

  agencies(partnershipId: string) {
    return this.db
      .selectFrom('agencies')
      .select(['id', 'code', 'name'])
      .where('partnership_id', '=', partnershipId)
      .orderBy('name')
      .execute();
  }
}
