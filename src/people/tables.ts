export interface PersonsTable {
  id: string;
  partnership_id: string;
  display_name: string;
  created_at: string;
  updated_at: string;
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

declare module '../platform/db/schema.js' {
  interface Database {
    persons: PersonsTable;
    person_records: PersonRecordsTable;
    possible_matches: PossibleMatchesTable;
  }
}
