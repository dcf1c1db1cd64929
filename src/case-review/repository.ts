import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../platform/db/database.js';
import type { Executor } from '../platform/audit/service.js';
import type {
  CaseReviewAgencyReportsTable,
  CaseReviewAssessmentsTable,
  CaseReviewComplaintMarksTable,
  CaseReviewComplaintsTable,
  CaseReviewEventsTable,
  CaseReviewFilesTable,
  CaseReviewInfoRequestsTable,
  CaseReviewLettersTable,
  CaseReviewPanelMembersTable,
  CaseReviewRecommendationsTable,
  CaseReviewRecommendationUpdatesTable,
  CaseReviewsTable,
} from './tables.js';
import './tables.js';

export interface ReviewListFilter {
  status?: 'open' | 'closed' | 'all';
  text?: string;
}

/** The columns the coordinator's list and the deadlines need (no contact details). */
const LIST_COLUMNS = [
  'id',
  'reference',
  'channel',
  'status',
  'applicant_kind',
  'victim_type',
  'victim_name',
  'victim_organisation',
  'received_on',
  'clock_starts_on',
  'duplicate_of',
  'acknowledged_on',
  'threshold_decided_on',
  'threshold_met',
  'discretionary_review',
  'panel_on',
  'review_held_on',
  'outcome_sent_on',
  'appeal_requested_on',
  'appeal_decided_on',
  'closed_on',
  'closure',
  'hate_related',
  'updated_at',
] as const;
export type ReviewListRow = Pick<CaseReviewsTable, (typeof LIST_COLUMNS)[number]>;

/** All SQL about ASB Case Reviews. */
export class CaseReviewRepository {
  constructor(private readonly db: Db) {}

  // ---------------------------------------------------------------- settings

  settings(partnershipId: string) {
    return this.db
      .selectFrom('case_review_settings')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .executeTakeFirst();
  }

  async saveSettings(
    db: Executor,
    row: {
      id: string;
      partnership_id: string;
      settings: string;
      updated_at: string;
      updated_by: string | null;
    },
  ) {
    await db
      .insertInto('case_review_settings')
      .values(row)
      .onConflict((oc) =>
        oc
          .column('partnership_id')
          .doUpdateSet({ settings: row.settings, updated_at: row.updated_at, updated_by: row.updated_by }),
      )
      .execute();
  }

  // ---------------------------------------------------------------- applications

  insertReview(db: Executor, row: Insertable<CaseReviewsTable>) {
    return db.insertInto('case_reviews').values(row).execute();
  }

  updateReview(db: Executor, id: string, set: Updateable<CaseReviewsTable>) {
    return db.updateTable('case_reviews').set(set).where('id', '=', id).execute();
  }

  getReview(id: string, db: Executor = this.db) {
    return db.selectFrom('case_reviews').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findByReference(partnershipId: string, reference: string, db: Executor = this.db) {
    return db
      .selectFrom('case_reviews')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where('reference', '=', reference.trim().toUpperCase())
      .executeTakeFirst();
  }

  list(partnershipId: string, f: ReviewListFilter = {}): Promise<ReviewListRow[]> {
    let q = this.db
      .selectFrom('case_reviews')
      .select([...LIST_COLUMNS])
      .where('partnership_id', '=', partnershipId);
    if (f.status === 'open') q = q.where('status', '!=', 'closed');
    if (f.status === 'closed') q = q.where('status', '=', 'closed');
    const text = f.text?.trim().toLowerCase();
    if (text) {
      const like = `%${text.replace(/[%_]/g, '')}%`;
      q = q.where((eb) =>
        eb.or([
          eb(eb.fn('lower', ['reference']), 'like', like),
          eb(eb.fn('lower', ['victim_name']), 'like', like),
          eb(eb.fn('lower', ['victim_organisation']), 'like', like),
        ]),
      );
    }
    return q.orderBy('received_on', 'desc').orderBy('reference', 'desc').limit(500).execute();
  }

  /** Earlier applications for any of these people (duplicate checks). */
  forVictims(partnershipId: string, personIds: readonly string[], db: Executor = this.db) {
    if (!personIds.length) return Promise.resolve([]);
    return db
      .selectFrom('case_reviews')
      .select([
        'id',
        'reference',
        'victim_person_id',
        'place_key',
        'received_on',
        'status',
        'closure',
        'duplicate_of',
      ])
      .where('partnership_id', '=', partnershipId)
      .where('victim_person_id', 'in', [...personIds])
      .execute();
  }

  duplicatesOf(id: string) {
    return this.db
      .selectFrom('case_reviews')
      .select(['id', 'reference', 'received_on', 'status', 'duplicate_reason'])
      .where('duplicate_of', '=', id)
      .orderBy('received_on')
      .execute();
  }

  /** What the statutory figures need, for every application of the partnership. */
  forStatistics(partnershipId: string) {
    return this.db
      .selectFrom('case_reviews')
      .select([
        'id',
        'clock_starts_on',
        'duplicate_of',
        'threshold_decided_on',
        'threshold_met',
        'review_held_on',
        'recommendations_count',
      ])
      .where('partnership_id', '=', partnershipId)
      .execute();
  }

  // ---------------------------------------------------------------- application answers, events, files, letters

  async insertAgencyReports(db: Executor, rows: Insertable<CaseReviewAgencyReportsTable>[]) {
    if (rows.length) await db.insertInto('case_review_agency_reports').values(rows).execute();
  }

  agencyReports(reviewId: string) {
    return this.db
      .selectFrom('case_review_agency_reports')
      .selectAll()
      .where('case_review_id', '=', reviewId)
      .orderBy('sort_order')
      .execute();
  }

  insertEvent(db: Executor, row: Insertable<CaseReviewEventsTable>) {
    return db.insertInto('case_review_events').values(row).execute();
  }

  events(reviewId: string) {
    return this.db
      .selectFrom('case_review_events')
      .selectAll()
      .where('case_review_id', '=', reviewId)
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .execute();
  }

  insertFile(db: Executor, row: Insertable<CaseReviewFilesTable>) {
    return db.insertInto('case_review_files').values(row).execute();
  }

  files(reviewId: string) {
    return this.db
      .selectFrom('case_review_files')
      .selectAll()
      .where('case_review_id', '=', reviewId)
      .orderBy('created_at')
      .execute();
  }

  file(reviewId: string, fileId: string) {
    return this.db
      .selectFrom('case_review_files')
      .selectAll()
      .where('case_review_id', '=', reviewId)
      .where('id', '=', fileId)
      .executeTakeFirst();
  }

  insertLetter(db: Executor, row: Insertable<CaseReviewLettersTable>) {
    return db.insertInto('case_review_letters').values(row).execute();
  }

  letters(reviewId: string) {
    return this.db
      .selectFrom('case_review_letters')
      .selectAll()
      .where('case_review_id', '=', reviewId)
      .orderBy('created_at', 'desc')
      .execute();
  }

  // ---------------------------------------------------------------- threshold

  complaints(reviewId: string) {
    return this.db
      .selectFrom('case_review_complaints')
      .selectAll()
      .where('case_review_id', '=', reviewId)
      .where('removed_at', 'is', null)
      .orderBy('complained_on')
      .execute();
  }

  async complaintCount(db: Executor, reviewId: string): Promise<number> {
    const r = await db
      .selectFrom('case_review_complaints')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('case_review_id', '=', reviewId)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  insertComplaint(db: Executor, row: Insertable<CaseReviewComplaintsTable>) {
    return db.insertInto('case_review_complaints').values(row).execute();
  }

  removeComplaint(db: Executor, reviewId: string, id: string, at: string) {
    return db
      .updateTable('case_review_complaints')
      .set({ removed_at: at })
      .where('case_review_id', '=', reviewId)
      .where('id', '=', id)
      .where('removed_at', 'is', null)
      .executeTakeFirst();
  }

  marks(reviewId: string) {
    return this.db
      .selectFrom('case_review_complaint_marks')
      .selectAll()
      .where('case_review_id', '=', reviewId)
      .execute();
  }

  async saveMark(db: Executor, row: Insertable<CaseReviewComplaintMarksTable>) {
    await db
      .insertInto('case_review_complaint_marks')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['case_review_id', 'complaint_ref']).doUpdateSet({
          same_incident_as: row.same_incident_as,
          excluded_reason: row.excluded_reason,
          updated_by: row.updated_by,
          updated_at: row.updated_at,
        }),
      )
      .execute();
  }

  insertAssessment(db: Executor, row: Insertable<CaseReviewAssessmentsTable>) {
    return db.insertInto('case_review_assessments').values(row).execute();
  }

  latestAssessment(reviewId: string) {
    return this.db
      .selectFrom('case_review_assessments')
      .selectAll()
      .where('case_review_id', '=', reviewId)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  // ---------------------------------------------------------------- the review

  async replacePanel(db: Executor, reviewId: string, rows: Insertable<CaseReviewPanelMembersTable>[]) {
    await db.deleteFrom('case_review_panel_members').where('case_review_id', '=', reviewId).execute();
    if (rows.length) await db.insertInto('case_review_panel_members').values(rows).execute();
  }

  panel(reviewId: string) {
    return this.db
      .selectFrom('case_review_panel_members')
      .selectAll()
      .where('case_review_id', '=', reviewId)
      .orderBy('sort_order')
      .execute();
  }

  insertInfoRequest(db: Executor, row: Insertable<CaseReviewInfoRequestsTable>) {
    return db.insertInto('case_review_info_requests').values(row).execute();
  }

  infoRequests(reviewId: string) {
    return this.db
      .selectFrom('case_review_info_requests')
      .selectAll()
      .where('case_review_id', '=', reviewId)
      .orderBy('requested_on')
      .orderBy('created_at')
      .execute();
  }

  updateInfoRequest(
    db: Executor,
    reviewId: string,
    id: string,
    set: Updateable<CaseReviewInfoRequestsTable>,
  ) {
    return db
      .updateTable('case_review_info_requests')
      .set(set)
      .where('case_review_id', '=', reviewId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /** Information still awaited, across the partnership (for the coordinator's due list). */
  outstandingInfoRequests(partnershipId: string) {
    return this.db
      .selectFrom('case_review_info_requests')
      .innerJoin('case_reviews', 'case_reviews.id', 'case_review_info_requests.case_review_id')
      .select([
        'case_review_info_requests.id',
        'case_review_info_requests.case_review_id',
        'case_review_info_requests.agency_name',
        'case_review_info_requests.due_on',
        'case_reviews.reference',
      ])
      .where('case_review_info_requests.partnership_id', '=', partnershipId)
      .where('case_review_info_requests.received_on', 'is', null)
      .where('case_reviews.status', '!=', 'closed')
      .execute();
  }

  async insertRecommendations(db: Executor, rows: Insertable<CaseReviewRecommendationsTable>[]) {
    if (rows.length) await db.insertInto('case_review_recommendations').values(rows).execute();
  }

  recommendations(reviewId: string) {
    return this.db
      .selectFrom('case_review_recommendations')
      .selectAll()
      .where('case_review_id', '=', reviewId)
      .orderBy('created_at')
      .orderBy('sort_order')
      .execute();
  }

  recommendation(reviewId: string, id: string, db: Executor = this.db) {
    return db
      .selectFrom('case_review_recommendations')
      .selectAll()
      .where('case_review_id', '=', reviewId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  updateRecommendation(db: Executor, id: string, set: Updateable<CaseReviewRecommendationsTable>) {
    return db.updateTable('case_review_recommendations').set(set).where('id', '=', id).execute();
  }

  insertRecommendationUpdate(db: Executor, row: Insertable<CaseReviewRecommendationUpdatesTable>) {
    return db.insertInto('case_review_recommendation_updates').values(row).execute();
  }

  recommendationUpdates(recommendationIds: readonly string[]) {
    if (!recommendationIds.length) return Promise.resolve([]);
    return this.db
      .selectFrom('case_review_recommendation_updates')
      .selectAll()
      .where('recommendation_id', 'in', [...recommendationIds])
      .orderBy('at', 'desc')
      .execute();
  }

  /** Recommendations still being followed up, across the partnership (for the coordinator's due list). */
  openRecommendations(partnershipId: string) {
    return this.db
      .selectFrom('case_review_recommendations')
      .innerJoin('case_reviews', 'case_reviews.id', 'case_review_recommendations.case_review_id')
      .select([
        'case_review_recommendations.id',
        'case_review_recommendations.case_review_id',
        'case_review_recommendations.owner',
        'case_review_recommendations.text',
        'case_review_recommendations.due_on',
        'case_reviews.reference',
      ])
      .where('case_review_recommendations.partnership_id', '=', partnershipId)
      .where('case_review_recommendations.status', '=', 'open')
      .execute();
  }

  // ---------------------------------------------------------------- the partnership's agencies

  agencies(partnershipId: string) {
    return this.db
      .selectFrom('agencies')
      .select(['id', 'code', 'name', 'kind'])
      .where('partnership_id', '=', partnershipId)
      .orderBy('name')
      .execute();
  }

  partnership(code?: string) {
    let q = this.db.selectFrom('partnerships').select(['id', 'code', 'name']);
    if (code) q = q.where('code', '=', code);
    return q.orderBy('created_at').limit(1).executeTakeFirst();
  }

  user(id: string) {
    return this.db
      .selectFrom('users')
      .select(['id', 'name', 'email'])
      .where('id', '=', id)
      .executeTakeFirst();
  }
}
