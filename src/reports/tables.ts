/** Row types of the reports module's tables (see migrations.ts for the columns' meaning). */
export interface ReportCategoriesTable {
  id: string;
  partnership_id: string;
  code: string;
  group_code: string;
  name: string;
  public_name: string;
  public_description: string;
  /** National Standard for Incident Recording: personal | nuisance | environmental */
  nsir_category: string;
  sla_hours: number;
  environmental: number;
  active: number;
  sort_order: number;
  created_at: string;
  updated_at: string;
}

export interface ReportPlaceContextsTable {
  id: string;
  partnership_id: string;
  code: string;
  label: string;
  /** Shown as an option in the public journey when 1. */
  ask_public: number;
  sort_order: number;
  created_at: string;
}

export interface ReportStatesTable {
  id: string;
  partnership_id: string;
  code: string;
  label: string;
  public_label: string;
  /** open | closed */
  kind: string;
  initial: number;
  sort_order: number;
  created_at: string;
}

export interface ReportRoutingRulesTable {
  id: string;
  partnership_id: string;
  /** A category code, '*' for any category, or 'hate-incident' for the hate flag. */
  category_code: string;
  /** A place context code or '*'. */
  place_context: string;
  team_id: string;
  /** queue | email */
  delivery_method: string;
  delivery_email: string | null;
  active: number;
  created_at: string;
  updated_at: string;
  updated_by: string | null;
}

export interface ReportsTable {
  id: string;
  partnership_id: string;
  reference: string;
  category_code: string;
  hate_incident: number;
  description: string;
  location_text: string | null;
  postcode: string | null;
  lat: number | null;
  lng: number | null;
  /** pin | gazetteer | postcode | none */
  location_precision: string;
  /** JSON array of place context codes */
  place_contexts: string;
  /** at | ongoing | regular */
  occurred_kind: string;
  occurred_at: string | null;
  occurred_note: string | null;
  /** web | phone | staff | open311 | api */
  channel: string;
  /** victim | witness | business | on-behalf */
  reporter_kind: string;
  anonymous: number;
  reporter_name: string | null;
  reporter_email: string | null;
  reporter_phone: string | null;
  reporter_phone_e164: string | null;
  /** email | phone | none */
  contact_preference: string;
  reporter_person_id: string | null;
  state_code: string;
  state_kind: string;
  due_at: string;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  created_by_user_id: string | null;
  api_key_id: string | null;
  external_id: string | null;
  photo_count: number;
}

export interface ReportTeamRoutesTable {
  id: string;
  partnership_id: string;
  report_id: string;
  team_id: string;
  delivery_method: string;
  delivery_email: string | null;
  /** The outbox message that delivers an emailed route; its status is the delivery state. */
  outbox_id: string | null;
  assigned_user_id: string | null;
  assigned_at: string | null;
  active: number;
  routed_at: string;
  routed_by_user_id: string | null;
  reason: string | null;
  ended_at: string | null;
  ended_reason: string | null;
}

export interface ReportUpdatesTable {
  id: string;
  partnership_id: string;
  report_id: string;
  at: string;
  user_id: string | null;
  author_label: string | null;
  /** created | state | note | routed | assigned | photo | job */
  kind: string;
  /** The state the report was in after this update. */
  state_code: string;
  public: number;
  text: string | null;
  details: string;
}

export interface ReportPhotosTable {
  id: string;
  partnership_id: string;
  report_id: string;
  stored_name: string;
  original_name: string;
  mime: string;
  bytes: number;
  created_at: string;
  /** 'clean', 'not scanned' (no CLAMD_SOCKET), as the virus check said at upload. */
  scan_status: string;
}

export interface EnvironmentalJobsTable {
  id: string;
  partnership_id: string;
  reference: string;
  report_id: string;
  category_code: string;
  team_id: string | null;
  /** raised | scheduled | in-progress | cleared | cancelled */
  state: string;
  assigned_user_id: string | null;
  raised_at: string;
  target_at: string;
  scheduled_for: string | null;
  started_at: string | null;
  cleared_at: string | null;
  cancelled_reason: string | null;
  notes: string | null;
  location_text: string | null;
  lat: number | null;
  lng: number | null;
  updated_at: string;
}

export interface PartnerApiKeysTable {
  id: string;
  partnership_id: string;
  name: string;
  key_prefix: string;
  key_hash: string;
  rate_limit_per_minute: number;
  created_by_user_id: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

declare module '../platform/db/schema.js' {
  interface Database {
    report_categories: ReportCategoriesTable;
    report_place_contexts: ReportPlaceContextsTable;
    report_states: ReportStatesTable;
    report_routing_rules: ReportRoutingRulesTable;
    reports: ReportsTable;
    report_team_routes: ReportTeamRoutesTable;
    report_updates: ReportUpdatesTable;
    report_photos: ReportPhotosTable;
    environmental_jobs: EnvironmentalJobsTable;
    partner_api_keys: PartnerApiKeysTable;
  }
}
