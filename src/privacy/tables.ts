/** A retention schedule overriding a record type's default (for the partnership or one agency). */
export interface PrivacySchedulesTable {
  id: string;
  partnership_id: string;
  record_type: string;
  agency_id: string | null;
  years: number;
  action: string;
  updated_by: string | null;
  updated_at: string;
}

/** A legal hold: retention leaves the record alone until it is released. */
export interface PrivacyHoldsTable {
  id: string;
  partnership_id: string;
  record_type: string;
  record_id: string;
  reason: string;
  review_on: string;
  placed_by: string;
  placed_at: string;
  released_at: string | null;
  released_by: string | null;
}

/** One retention run: its summary holds counts and record ids only. */
export interface PrivacyRetentionRunsTable {
  id: string;
  partnership_id: string;
  status: string;
  dry_run: number;
  requested_by: string;
  summary: string;
  error: string | null;
  started_at: string;
  finished_at: string | null;
}

/** A record retention has dealt with, written in the same transaction as the change (so a re-run skips it). */
export interface PrivacyRetentionDoneTable {
  id: string;
  partnership_id: string;
  run_id: string;
  record_type: string;
  record_id: string;
  action: string;
  /** JSON list of files to remove from disk after the commit. */
  files: string;
  files_removed: number;
  done_at: string;
}

export interface PrivacySarRequestsTable {
  id: string;
  partnership_id: string;
  reference: string;
  requester_name: string;
  requester_contact: string | null;
  received_on: string;
  due_on: string;
  law_enforcement: number;
  extended_to: string | null;
  extension_told_on: string | null;
  extension_reason: string | null;
  person_id: string | null;
  status: string;
  /** When the DPO last saved the redaction review: an export needs one. */
  reviewed_at: string | null;
  reviewed_by: string | null;
  exported_at: string | null;
  exported_by: string | null;
  closed_on: string | null;
  created_by: string;
  created_at: string;
}

export interface PrivacySarRecordsTable {
  id: string;
  partnership_id: string;
  request_id: string;
  person_record_id: string;
  decision: string;
  decided_by: string;
  decided_at: string;
}

export interface PrivacySarRedactionsTable {
  id: string;
  partnership_id: string;
  request_id: string;
  table_name: string;
  row_id: string;
  column_name: string;
  marked_by: string;
  marked_at: string;
}

declare module '../platform/db/schema.js' {
  interface Database {
    privacy_schedules: PrivacySchedulesTable;
    privacy_holds: PrivacyHoldsTable;
    privacy_retention_runs: PrivacyRetentionRunsTable;
    privacy_retention_done: PrivacyRetentionDoneTable;
    privacy_sar_requests: PrivacySarRequestsTable;
    privacy_sar_records: PrivacySarRecordsTable;
    privacy_sar_redactions: PrivacySarRedactionsTable;
  }
}
