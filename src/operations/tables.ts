/** Street operations tables: outreach contacts, hub attendance, NRM / Duty to Notify records, street counts. */
export interface OutreachContactsTable {
  id: string;
  partnership_id: string;
  /** draft | submitted */
  status: string;
  recorded_by: string;
  team_id: string | null;
  occurred_on: string | null;
  /** HH:MM, Europe/London */
  occurred_time: string | null;
  /** UTC ISO instant built from the date and time */
  occurred_at: string | null;
  /** landmark | pin | current-location */
  place_kind: string | null;
  place_name: string | null;
  place_detail: string | null;
  lat: number | null;
  lng: number | null;
  /** known (chosen from suggestions) | new */
  person_choice: string | null;
  person_id: string | null;
  person_record_id: string | null;
  given_name: string | null;
  surname: string | null;
  known_as: string | null;
  approx_age: number | null;
  appearance: string | null;
  /** JSON lists of codes */
  seen: string;
  needs: string;
  support_offered: string;
  support_accepted: string;
  signposted: string;
  welfare_concern: number | null;
  /** Sensitive: only safeguarding roles (and the worker who wrote it) see it. */
  welfare_notes: string | null;
  slavery_indicators: string;
  /** Sensitive, as welfare_notes. */
  slavery_notes: string | null;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
}

export interface HubAttendancesTable {
  id: string;
  partnership_id: string;
  person_id: string;
  attended_on: string;
  attended: number;
  partners: string | null;
  /** JSON list of support outcome codes */
  outcomes: string;
  notes: string | null;
  created_by: string;
  created_at: string;
}

export interface NrmRecordsTable {
  id: string;
  partnership_id: string;
  person_id: string;
  contact_id: string | null;
  /** nrm | duty-to-notify */
  kind: string;
  referred_on: string;
  referred_by: string;
  first_responder: string;
  /** awaited | positive | negative */
  reasonable_grounds: string;
  reasonable_grounds_on: string | null;
  /** awaited | positive | negative | not-applicable */
  conclusive_grounds: string;
  conclusive_grounds_on: string | null;
  notes: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface StreetCountsTable {
  id: string;
  partnership_id: string;
  night: string;
  area: string;
  total: number;
  notes: string | null;
  created_by: string;
  created_at: string;
}

/** The case that holds a person's Luscombe tickets, opened the first time a ticket is issued. */
export interface LuscombeCasesTable {
  partnership_id: string;
  person_id: string;
  case_id: string;
  party_id: string;
  created_at: string;
}

export interface ActivityCounts {
  engagements: number;
  warnings: number;
  fixed_penalties: number;
  seizures: number;
  arrests: number;
}

export interface PatrolShiftsTable extends ActivityCounts {
  id: string;
  partnership_id: string;
  patrolled_by: string;
  /** The gazetteer place the patrol covered, with the radius around it. */
  place_name: string;
  lat: number;
  lng: number;
  radius_metres: number;
  starts_at: string;
  ends_at: string;
  notes: string | null;
  created_by: string;
  created_at: string;
}

export interface JointOperationsTable extends ActivityCounts {
  id: string;
  partnership_id: string;
  name: string;
  briefing: string;
  agencies: string;
  officers: string | null;
  held_on: string;
  place_name: string;
  lat: number;
  lng: number;
  radius_metres: number;
  outcome_notes: string | null;
  /** JSON list of report references linked to the operation */
  report_refs: string;
  created_by: string;
  created_at: string;
}

export interface CommsCampaignsTable {
  id: string;
  partnership_id: string;
  topic: string;
  /** JSON list of channel codes */
  channels: string;
  starts_on: string;
  ends_on: string;
  created_by: string;
  created_at: string;
}

/** Reach and engagement of a campaign on one channel, entered or imported from CSV. */
export interface CampaignFiguresTable {
  id: string;
  partnership_id: string;
  campaign_id: string;
  recorded_on: string;
  channel: string;
  reach: number;
  engagement: number;
  /** entered | import */
  source: string;
  created_by: string;
  created_at: string;
}

declare module '../platform/db/schema.js' {
  interface Database {
    outreach_contacts: OutreachContactsTable;
    hub_attendances: HubAttendancesTable;
    nrm_records: NrmRecordsTable;
    street_counts: StreetCountsTable;
    luscombe_cases: LuscombeCasesTable;
    patrol_shifts: PatrolShiftsTable;
    joint_operations: JointOperationsTable;
    comms_campaigns: CommsCampaignsTable;
    campaign_figures: CampaignFiguresTable;
  }
}
