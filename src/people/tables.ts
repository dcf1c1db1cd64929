export interface PersonsTable {
  id: string;
  partnership_id: string;
  display_name: string;
  /** Set when a merge or re-link folded this person into another; links to it redirect there. */
  merged_into: string | null;
  created_at: string;
  updated_at: string;
  /** Processing restricted (UK GDPR Art. 18): hidden from lists and matching; each view needs a reason. */
  restricted_at: string | null;
  restricted_by: string | null;
  restriction_reason: string | null;
}

/** A correction to a person record: the old value stays here with the reason and who made it. */
export interface PersonCorrectionsTable {
  id: string;
  partnership_id: string;
  person_id: string;
  record_id: string;
  source_type: string;
  source_id: string | null;
  field: string;
  old_value: string | null;
  new_value: string | null;
  reason: string;
  corrected_by: string;
  corrected_at: string;
}

export interface PersonRecordsTable {
  id: string;
  partnership_id: string;
  person_id: string;
  source_type: string;
  source_id: string | null;
  role: string;
  team_id: string | null;
  given_name: string | null;
  surname: string | null;
  dob: string | null;
  phone: string | null;
  phone_e164: string | null;
  email: string | null;
  address: string | null;
  postcode: string | null;
  uprn: string | null;
  link_band: string | null;
  link_weight: number | null;
  created_at: string;
}

/** A pair of records the engine scored in the possible band, for staff to confirm or reject. */
export interface PossibleMatchesTable {
  id: string;
  partnership_id: string;
  record_a_id: string;
  record_b_id: string;
  match_weight: number;
  probability: number;
  /** PairExplanation JSON */
  explanation: string;
  /** pending | confirmed | rejected */
  status: string;
  decided_by: string | null;
  decided_at: string | null;
  created_at: string;
}

/** Repeat-flag thresholds of one partnership (defaults when there is no row). */
export interface PeopleSettingsTable {
  partnership_id: string;
  min_reports: number;
  window_days: number;
  radius_metres: number;
  /** JSON list of roles that see every person; null: WHOLE_PARTNERSHIP_ROLES. */
  whole_partnership_roles: string | null;
  updated_by: string | null;
  updated_at: string;
}

/** One full re-link of a partnership's person records (run as the people.relink job). */
export interface PeopleRelinkRunsTable {
  id: string;
  partnership_id: string;
  job_id: string | null;
  /** queued | running | finished | failed */
  status: string;
  requested_by: string | null;
  records: number | null;
  persons_before: number | null;
  persons_after: number | null;
  possible_matches: number | null;
  records_moved: number | null;
  error: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

declare module '../platform/db/schema.js' {
  interface Database {
    persons: PersonsTable;
    person_records: PersonRecordsTable;
    person_corrections: PersonCorrectionsTable;
    possible_matches: PossibleMatchesTable;
    people_settings: PeopleSettingsTable;
    people_relink_runs: PeopleRelinkRunsTable;
  }
}
