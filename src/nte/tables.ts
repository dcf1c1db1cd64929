/** A pack as issued: frozen, one row per version. Visible to staff who may read premises. */
export interface NtePacksTable {
  id: string;
  partnership_id: string;
  /** weekend | llp */
  kind: string;
  /** The weekend's Friday (YYYY-MM-DD) or the month (YYYY-MM). */
  period: string;
  version: number;
  title: string;
  /** The pack's figures as JSON, exactly as issued. */
  snapshot: string;
  issued_at: string;
  issued_by: string | null;
  issued_by_label: string;
}

/** The partnership's night-time economy settings (JSON), defaults when absent. */
export interface NteSettingsTable {
  partnership_id: string;
  definition: string;
  updated_at: string;
  updated_by: string | null;
}

declare module '../platform/db/schema.js' {
  interface Database {
    nte_packs: NtePacksTable;
    nte_settings: NteSettingsTable;
  }
}
