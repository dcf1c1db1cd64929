/** Row types of the cases module's tables (see migrations.ts). */
export interface CasesTable {
  id: string;
  partnership_id: string;
  reference: string;
  title: string;
  case_type: string;
  summary: string;
  status: string;
  risk_band: string | null;
  /** The workflow state (CaseState in rules/workflow.ts) as JSON. */
  state: string;
  lead_team_id: string;
  spoc_user_id: string | null;
  location: string | null;
  opened_on: string;
  closed_on: string | null;
  opened_by: string;
  created_at: string;
  updated_at: string;
}

export interface CaseTeamsTable {
  id: string;
  partnership_id: string;
  case_id: string;
  team_id: string;
  added_at: string;
  added_by: string;
}

export interface CaseReportsTable {
  id: string;
  partnership_id: string;
  case_id: string;
  report_id: string;
  linked_at: string;
  linked_by: string;
}

export interface CasePartiesTable {
  id: string;
  partnership_id: string;
  case_id: string;
  person_id: string;
  person_record_id: string;
  role: string;
  display_name: string;
  dob: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  postcode: string | null;
  /** Health, disability or other vulnerability notes: withheld from partners unless shared explicitly. */
  health_notes: string | null;
  /** The agreed contact frequency: every `contact_every` `contact_unit`s from `contact_agreed_on`. */
  contact_every: number | null;
  contact_unit: string | null;
  contact_agreed_on: string | null;
  /** When the person was last told about the ASB Case Review. */
  case_review_told_on: string | null;
  preferred_channel: string | null;
  consent_to_share: number | null;
  consent_recorded_on: string | null;
  sharing_preferences: string | null;
  created_at: string;
  created_by: string;
  removed_at: string | null;
}

export interface CasePlacesTable {
  id: string;
  partnership_id: string;
  case_id: string;
  kind: string;
  label: string;
  address: string | null;
  postcode: string | null;
  uprn: string | null;
  premises_id: string | null;
  created_at: string;
  created_by: string;
  removed_at: string | null;
}

export interface CaseEventsTable {
  id: string;
  partnership_id: string;
  case_id: string;
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

export interface RiskQuestionnairesTable {
  id: string;
  partnership_id: string;
  name: string;
  version: number;
  definition: string;
  active: number;
  created_at: string;
  created_by: string | null;
}

export interface RiskAssessmentsTable {
  id: string;
  partnership_id: string;
  case_id: string;
  party_id: string | null;
  questionnaire_id: string;
  answers: string;
  score: number;
  band: string;
  breakdown: string;
  assessed_on: string;
  reassess_due_on: string | null;
  notes: string | null;
  assessed_by: string;
  created_at: string;
}

export interface CaseActionsTable {
  id: string;
  partnership_id: string;
  case_id: string;
  title: string;
  detail: string | null;
  owner_team_id: string | null;
  owner_user_id: string | null;
  due_on: string;
  status: string;
  rag: string;
  completed_on: string | null;
  created_at: string;
  created_by: string;
  updated_at: string;
}

export interface LadderStepsTable {
  id: string;
  partnership_id: string;
  case_id: string;
  /** person:<person id> or place:<case place id> */
  subject_key: string;
  party_id: string | null;
  person_id: string | null;
  place_id: string | null;
  power: string;
  issued_on: string;
  expires_on: string | null;
  review_on: string | null;
  conditions: string | null;
  /** Power-specific facts (durationHours, indefinite, extended, penaltyAmount, riskAssessmentDone, convictionRecorded, area...) as JSON. */
  details: string;
  status: string;
  outcome: string | null;
  outcome_on: string | null;
  created_at: string;
  created_by: string;
  updated_at: string;
}

export interface LadderBreachesTable {
  id: string;
  partnership_id: string;
  step_id: string;
  breached_on: string;
  description: string;
  response: string | null;
  created_at: string;
  created_by: string;
}

export interface CaseContactsTable {
  id: string;
  partnership_id: string;
  case_id: string;
  party_id: string;
  contacted_on: string;
  channel: string;
  direction: string;
  successful: number;
  summary: string;
  user_id: string;
  user_name: string;
  created_at: string;
}

export interface CaseSharesTable {
  id: string;
  partnership_id: string;
  case_id: string;
  agency_id: string;
  reason: string;
  include_sensitive: number;
  shared_at: string;
  shared_by: string;
  revoked_at: string | null;
  revoked_by: string | null;
}

export interface MaracReferralsTable {
  id: string;
  partnership_id: string;
  case_id: string;
  party_id: string;
  risk_assessment_id: string;
  reference: string;
  reason: string;
  /** The rest of the referral form as JSON. */
  form: string;
  status: string;
  submitted_at: string;
  submitted_by: string;
  decided_at: string | null;
  decided_by: string | null;
  decision_note: string | null;
  meeting_id: string | null;
  updated_at: string;
}

export interface CaseDocumentsTable {
  id: string;
  partnership_id: string;
  case_id: string;
  filename: string;
  stored_name: string;
  mime: string;
  size: number;
  sha256: string;
  category: string;
  description: string | null;
  uploaded_at: string;
  uploaded_by: string;
  deleted_at: string | null;
  deleted_by: string | null;
}

declare module '../platform/db/schema.js' {
  interface Database {
    cases: CasesTable;
    case_teams: CaseTeamsTable;
    case_reports: CaseReportsTable;
    case_parties: CasePartiesTable;
    case_places: CasePlacesTable;
    case_events: CaseEventsTable;
    risk_questionnaires: RiskQuestionnairesTable;
    risk_assessments: RiskAssessmentsTable;
    case_actions: CaseActionsTable;
    ladder_steps: LadderStepsTable;
    ladder_breaches: LadderBreachesTable;
    case_contacts: CaseContactsTable;
    case_shares: CaseSharesTable;
    marac_referrals: MaracReferralsTable;
    case_documents: CaseDocumentsTable;
  }
}
