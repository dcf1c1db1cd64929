/** One event as the analysis sees it, whatever its source. */
export interface AnalysisRecord {
  category: string;
  /** YYYY-MM */
  month: string;
  /** UTC ISO instant when the source knows the time of day, else null. */
  at: string | null;
  lon: number;
  lat: number;
  /** British National Grid metres. */
  x: number;
  y: number;
  location: string | null;
  areaCode: string | null;
  /** The people module's person id of a victim who reported it (ASB Hub reports only). */
  victimId?: string | null;
}

export type SourceKind = 'police-uk' | 'asb-hub' | 'partner';

export interface SourceInfo {
  code: string;
  name: string;
  kind: SourceKind;
  /** Whether records carry a time of day (for the hour x weekday table). */
  hasTimes: boolean;
  categories: { code: string; name: string; records: number }[];
  records: number;
  firstMonth: string | null;
  lastMonth: string | null;
}

export interface RecordQuery {
  source: string;
  /** '' or undefined for every category. */
  category?: string;
  monthFrom: string;
  monthTo: string;
  areaCode?: string;
}

export const ASB_HUB_SOURCE = 'asb-hub';
export const POLICE_UK = 'police-uk';
