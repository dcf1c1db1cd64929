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

declare module '../platform/db/schema.js' {
  interface Database {
    persons: PersonsTable;
    person_records: PersonRecordsTable;
  }
}
