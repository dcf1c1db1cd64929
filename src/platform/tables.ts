import type { Generated } from 'kysely';

export interface PartnershipsTable {
  id: string;
  partnership_id: string;
  code: string;
  name: string;
  settings: string;
  created_at: string;
}
export interface AgenciesTable {
  id: string;
  partnership_id: string;
  code: string;
  name: string;
  kind: string;
  created_at: string;
}
export interface TeamsTable {
  id: string;
  partnership_id: string;
  agency_id: string;
  code: string;
  name: string;
  email: string | null;
  created_at: string;
}
export interface UsersTable {
  id: string;
  partnership_id: string;
  agency_id: string;
  team_id: string | null;
  email: string;
  name: string;
  role: string;
  password_hash: string | null;
  totp_secret: string | null;
  totp_enabled: number;
  recovery_codes: string;
  must_change_password: number;
  disabled: number;
  failed_attempts: number;
  locked_until: string | null;
  oidc_subject: string | null;
  last_sign_in_at: string | null;
  created_at: string;
  updated_at: string;
  /** The TOTP time step of the last code accepted; a code at or before it is refused (replay). */
  totp_last_step: number | null;
}
export interface SessionsTable {
  id: string;
  partnership_id: string;
  user_id: string | null;
  stage: string;
  data: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
}
export interface AuditLogTable {
  seq: number;
  id: string;
  partnership_id: string;
  at: string;
  user_id: string | null;
  user_label: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  reason: string | null;
  ip: string | null;
  request_id: string | null;
  details: string;
  prev_hash: string;
  hash: string;
  /** 1 when the hash is an HMAC under the audit key; 0 for entries from before the chain was keyed. */
  keyed: number;
}
export interface OutboxTable {
  id: string;
  partnership_id: string;
  channel: string;
  recipient: string;
  template: string;
  subject: string;
  body: string;
  related_type: string | null;
  related_id: string | null;
  status: string;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}
export interface JobsTable {
  id: string;
  partnership_id: string;
  kind: string;
  payload: string;
  status: string;
  run_at: string;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: string;
  finished_at: string | null;
}
export interface SequencesTable {
  partnership_id: string;
  name: string;
  value: number;
}

declare module './db/schema.js' {
  interface Database {
    partnerships: PartnershipsTable;
    agencies: AgenciesTable;
    teams: TeamsTable;
    users: UsersTable;
    sessions: SessionsTable;
    audit_log: AuditLogTable;
    outbox: OutboxTable;
    jobs: JobsTable;
    sequences: SequencesTable;
  }
}
