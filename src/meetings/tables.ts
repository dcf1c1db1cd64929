/**
 * Meeting tables. Who may see them: a public series (Cluster Panels) and its dates are public; a
 * confidential series, its meetings, agenda items, attendance, actions and packs only to its members
 * (by person or agency), its chairs and meeting coordinators. Case details inside items and packs
 * are shown only to those the case is visible to. Every view of a confidential meeting is audited.
 */
export interface MeetingSeriesTable {
  id: string;
  partnership_id: string;
  /** Short code used in pack numbers, e.g. CCM. */
  code: string;
  /** ccm | tasking | nte | llp | cluster, or a type the partnership adds. */
  type: string;
  name: string;
  /** The schedule rule as JSON (see schedule.ts). */
  schedule: string;
  /** London wall-clock time, HH:mm. */
  start_time: string;
  duration_minutes: number;
  venue: string;
  ward: string | null;
  /** public | confidential */
  confidentiality: string;
  protective_marking: string;
  terms_of_reference: string;
  agenda_cutoff_days: number;
  minutes_deadline_days: number;
  minutes_per_case: number;
  /** JSON list of { userId, name, agency }. */
  chairs: string;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface MeetingSeriesMembersTable {
  id: string;
  partnership_id: string;
  series_id: string;
  agency_id: string | null;
  user_id: string | null;
}

export interface MeetingsTable {
  id: string;
  partnership_id: string;
  series_id: string;
  /** The date the rule gave: one meeting per series and rule date. */
  scheduled_on: string;
  /** The date it is held (moved off bank holidays, or by hand). */
  held_on: string;
  start_time: string;
  venue: string;
  /** scheduled | cancelled | held */
  status: string;
  moved_reason: string | null;
  cancelled_reason: string | null;
  /** JSON list of { userId, name, agency }: the series' chairs unless changed for this meeting. */
  chairs: string;
  /** draft | issued */
  agenda_status: string;
  agenda_built_at: string | null;
  /** none | draft | circulated | approved */
  minutes_status: string;
  minutes_due_on: string | null;
  minutes_circulated_at: string | null;
  minutes_approved_at: string | null;
  /** The meeting at which these minutes were approved. */
  minutes_approved_in: string | null;
  minutes_hash: string | null;
  created_at: string;
  updated_at: string;
}

export interface MeetingItemsTable {
  id: string;
  partnership_id: string;
  meeting_id: string;
  position: number;
  section: string;
  /** referral | review | not-met | repeat | action | hotspot | near-repeat | plan-action | custom | provider kinds */
  kind: string;
  title: string;
  /** What the item shows, as JSON: risk score, advice, flags... */
  detail: string;
  case_id: string | null;
  person_id: string | null;
  premises_id: string | null;
  source_id: string | null;
  href: string | null;
  minutes_allowed: number;
  notes: string | null;
  /** accepted | not-accepted | closed | deferred | noted */
  decision: string | null;
  decision_note: string | null;
  decided_at: string | null;
  created_at: string;
}

export interface MeetingAttendanceTable {
  id: string;
  partnership_id: string;
  meeting_id: string;
  user_id: string | null;
  name: string;
  agency: string;
  /** present | apologies | absent */
  status: string;
}

export interface MeetingActionsTable {
  id: string;
  partnership_id: string;
  series_id: string;
  meeting_id: string;
  item_id: string | null;
  case_id: string | null;
  text: string;
  owner_user_id: string;
  owner_name: string;
  owner_agency: string;
  due_on: string;
  /** red | amber | green */
  rag: string;
  /** open | done */
  status: string;
  outcome: string | null;
  done_on: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface MeetingActionUpdatesTable {
  id: string;
  partnership_id: string;
  action_id: string;
  meeting_id: string | null;
  at: string;
  by_name: string;
  text: string;
  /** change-of-circumstance | agency-did-not-act, when the action is carried to a later meeting */
  carried: string | null;
}

export interface MeetingPacksTable {
  id: string;
  partnership_id: string;
  meeting_id: string;
  /** agenda | minutes */
  kind: string;
  version: number;
  number: string;
  issued_at: string;
  issued_by: string;
  /** The frozen snapshot, JSON. */
  content: string;
  /** SHA-256 of the content. */
  hash: string;
  /** 1 once approved minutes are sealed. */
  sealed: number;
}

declare module '../platform/db/schema.js' {
  interface Database {
    meeting_series: MeetingSeriesTable;
    meeting_series_members: MeetingSeriesMembersTable;
    meetings: MeetingsTable;
    meeting_items: MeetingItemsTable;
    meeting_attendance: MeetingAttendanceTable;
    meeting_actions: MeetingActionsTable;
    meeting_action_updates: MeetingActionUpdatesTable;
    meeting_packs: MeetingPacksTable;
  }
}
