/** Row types of the analytics tables (see migrations.ts for what the columns mean). */

/** One located event from an imported source: a police.uk crime, a noise complaint, a cleansing job... */
export interface AnalyticsRecordsTable {
  id: string;
  partnership_id: string;
  /** 'police-uk' or a partner source code. */
  source: string;
  /** Stable within the source: a re-import of the same row gives the same key (unique with source). */
  record_key: string;
  import_id: string;
  /** Crime type or the partner's category. */
  category: string;
  /** YYYY-MM (always set). */
  month: string;
  /** UTC ISO-8601 instant when the source gives a time of day; null for police.uk (month only). */
  occurred_at: string | null;
  /** YYYY-MM-DD when the source gives a day. */
  occurred_on: string | null;
  lon: number;
  lat: number;
  easting: number;
  northing: number;
  /** The place as the source names it ("On or near Cheapside"). */
  location: string | null;
  /** The partnership area (LSOA) holding the point. */
  area_code: string | null;
  outcome: string | null;
  created_at: string;
}

export interface AnalyticsImportsTable {
  id: string;
  partnership_id: string;
  source: string;
  /** police-uk | partner-events | assets */
  kind: string;
  /** File names, JSON array. */
  files: string;
  rows_read: number;
  imported: number;
  /** Rows already held from an earlier import (not added again). */
  already_held: number;
  outside: number;
  no_location: number;
  rejected: number;
  /** JSON: months covered, the first rejections by line, per-file figures. */
  details: string;
  user_id: string | null;
  user_label: string;
  started_at: string;
  finished_at: string;
}

/** A partner data source and the column mapping saved for its files. */
export interface AnalyticsSourcesTable {
  id: string;
  partnership_id: string;
  code: string;
  name: string;
  /** events | cctv | streetlight */
  kind: string;
  /** JSON: field -> CSV column name, plus options (date format). */
  mapping: string;
  created_at: string;
  updated_at: string;
}

/** A CCTV camera or street-light unit. */
export interface AnalyticsAssetsTable {
  id: string;
  partnership_id: string;
  /** cctv | streetlight */
  kind: string;
  /** The owner's reference, unique per kind. */
  asset_ref: string;
  label: string | null;
  status: string | null;
  lon: number;
  lat: number;
  easting: number;
  northing: number;
  source: string;
  import_id: string | null;
  created_at: string;
  updated_at: string;
}

/** The partnership boundary's small areas (LSOAs) when loaded from a file; otherwise the bundled City ones. */
export interface AnalyticsAreasTable {
  id: string;
  partnership_id: string;
  code: string;
  name: string;
  /** GeoJSON geometry in WGS84, as text. */
  geometry: string;
  created_at: string;
}

/** A problem profile: what it covers and the analyst's own sections. */
export interface AnalyticsProfilesTable {
  id: string;
  partnership_id: string;
  title: string;
  source: string;
  /** Category, or '' for every category of the source. */
  category: string;
  /** Area code, or '' for the whole partnership area. */
  area_code: string;
  month_from: string;
  month_to: string;
  findings: string;
  recommendations: string;
  created_by: string;
  created_by_label: string;
  created_at: string;
  updated_at: string;
}

declare module '../platform/db/schema.js' {
  interface Database {
    analytics_records: AnalyticsRecordsTable;
    analytics_imports: AnalyticsImportsTable;
    analytics_sources: AnalyticsSourcesTable;
    analytics_assets: AnalyticsAssetsTable;
    analytics_areas: AnalyticsAreasTable;
    analytics_profiles: AnalyticsProfilesTable;
  }
}
