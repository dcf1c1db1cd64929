/** Row types of the ASB Case Review tables (see migrations.ts). Dates are 'YYYY-MM-DD', times UTC ISO. */

export interface CaseReviewSettingsTable {
  id: string;
  partnership_id: string;
  /** JSON: CaseReviewSettings (threshold, deadlines, appeal body, contact). */
  settings: string;
  updated_at: string;
  updated_by: string | null;
}

export interface CaseReviewsTable {
  id: string;
  partnership_id: string;
  reference: string;
  /** online | phone | letter | in-person */
  channel: string;
  status: string;
  /** JSON: the workflow state (rules/workflow.ts CaseReviewState); the columns below mirror it for lists. */
  state: string;
  /** victim | on-behalf */
  applicant_kind: string;
  /** person | business | community-group */
  victim_type: string;
  victim_name: string;
  victim_organisation: string | null;
  victim_address: string | null;
  victim_postcode: string | null;
  victim_email: string | null;
  victim_phone: string | null;
  victim_person_id: string | null;
  victim_person_record_id: string | null;
  applicant_name: string | null;
  applicant_relationship: string | null;
  applicant_organisation: string | null;
  applicant_person_id: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  contact_address: string | null;
  contact_postcode: string | null;
  /** email | phone | letter */
  contact_method: string;
  /** JSON array of support need codes */
  support_needs: string;
  support_details: string | null;
  description: string;
  location_text: string;
  location_postcode: string | null;
  /** Normalised place (postcode or location) for duplicates and the community threshold. */
  place_key: string;
  /** 'YYYY-MM' when the applicant said roughly when it started. */
  started_month: string | null;
  hate_related: number;
  hate_details: string | null;
  /** uploaded | recorded | null while none is held */
  consent_method: string | null;
  consent_on: string | null;
  consent_note: string | null;
  received_on: string;
  /** The day the deadlines run from: received, or the day consent arrived; null while held for consent. */
  clock_starts_on: string | null;
  duplicate_of: string | null;
  duplicate_reason: string | null;
  acknowledged_on: string | null;
  threshold_decided_on: string | null;
  threshold_met: number | null;
  discretionary_review: number;
  panel_on: string | null;
  panel_location: string | null;
  review_held_on: string | null;
  recommendations_count: number | null;
  outcome_sent_on: string | null;
  outcome_summary: string | null;
  appeal_requested_on: string | null;
  appeal_decided_on: string | null;
  appeal_upheld: number | null;
  closed_on: string | null;
  closure: string | null;
  victim_invited_on: string | null;
  /** attend | statement | declined | no-response */
  victim_participation: string | null;
  impact_statement: string | null;
  impact_statement_on: string | null;
  created_by_user_id: string | null;
  submitted_at: string;
  updated_at: string;
}

export interface CaseReviewAgencyReportsTable {
  id: string;
  partnership_id: string;
  case_review_id: string;
  /** police | council | housing | other */
  agency: string;
  agency_name: string;
  first_reported: string | null;
  last_reported: string | null;
  reference_numbers: string | null;
  sort_order: number;
}

export interface CaseReviewEventsTable {
  id: string;
  partnership_id: string;
  case_review_id: string;
  kind: string;
  action: string;
  from_status: string | null;
  to_status: string | null;
  on_date: string;
  summary: string;
  details: string;
  user_id: string | null;
  user_name: string | null;
  at: string;
}

/** A complaint held elsewhere (e.g. by a housing provider), added by staff with evidence. */
export interface CaseReviewComplaintsTable {
  id: string;
  partnership_id: string;
  case_review_id: string;
  /** EXT-1, EXT-2... within the application */
  label: string;
  agency_name: string;
  complained_on: string;
  behaviour_on: string | null;
  hate: number;
  evidence: string;
  agency_reference: string | null;
  added_by: string;
  added_at: string;
  removed_at: string | null;
}

/** Staff decisions about one complaint: same incident as another, a separate incident, or not about this problem. */
export interface CaseReviewComplaintMarksTable {
  id: string;
  partnership_id: string;
  case_review_id: string;
  /** report:<id> or added:<id> */
  complaint_ref: string;
  /** A complaint_ref, 'separate', or null */
  same_incident_as: string | null;
  excluded_reason: string | null;
  updated_by: string;
  updated_at: string;
}

export interface CaseReviewAssessmentsTable {
  id: string;
  partnership_id: string;
  case_review_id: string;
  assessed_on: string;
  /** JSON: settings, complaints given to the engine, and its result */
  settings: string;
  complaints: string;
  result: string;
  met: number;
  user_id: string | null;
  created_at: string;
}

export interface CaseReviewPanelMembersTable {
  id: string;
  partnership_id: string;
  case_review_id: string;
  name: string;
  organisation: string | null;
  /** chair | member */
  role: string;
  independent: number;
  sort_order: number;
}

export interface CaseReviewInfoRequestsTable {
  id: string;
  partnership_id: string;
  case_review_id: string;
  agency_name: string;
  agency_id: string | null;
  asked_for: string;
  requested_on: string;
  due_on: string;
  received_on: string | null;
  summary: string | null;
  created_by: string;
  created_at: string;
}

export interface CaseReviewRecommendationsTable {
  id: string;
  partnership_id: string;
  case_review_id: string;
  text: string;
  owner: string;
  due_on: string;
  /** open | done | dropped */
  status: string;
  completed_on: string | null;
  sort_order: number;
  created_at: string;
}

export interface CaseReviewRecommendationUpdatesTable {
  id: string;
  partnership_id: string;
  recommendation_id: string;
  on_date: string;
  status: string;
  note: string;
  user_id: string | null;
  user_name: string | null;
  at: string;
}

export interface CaseReviewLettersTable {
  id: string;
  partnership_id: string;
  case_review_id: string;
  kind: string;
  channel: string;
  recipient: string;
  subject: string;
  body: string;
  outbox_id: string | null;
  created_at: string;
}

export interface CaseReviewFilesTable {
  id: string;
  partnership_id: string;
  case_review_id: string;
  /** consent | evidence */
  kind: string;
  stored_name: string;
  original_name: string;
  mime: string;
  bytes: number;
  uploaded_by: string | null;
  created_at: string;
}

declare module '../platform/db/schema.js' {
  interface Database {
    case_review_settings: CaseReviewSettingsTable;
    case_reviews: CaseReviewsTable;
    case_review_agency_reports: CaseReviewAgencyReportsTable;
    case_review_events: CaseReviewEventsTable;
    case_review_complaints: CaseReviewComplaintsTable;
    case_review_complaint_marks: CaseReviewComplaintMarksTable;
    case_review_assessments: CaseReviewAssessmentsTable;
    case_review_panel_members: CaseReviewPanelMembersTable;
    case_review_info_requests: CaseReviewInfoRequestsTable;
    case_review_recommendations: CaseReviewRecommendationsTable;
    case_review_recommendation_updates: CaseReviewRecommendationUpdatesTable;
    case_review_letters: CaseReviewLettersTable;
    case_review_files: CaseReviewFilesTable;
  }
}
