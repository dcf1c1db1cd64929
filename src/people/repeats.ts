/** Settings for repeat flags; a partnership may override them. */
export interface RepeatSettings {
  minReports: number;
  windowDays: number;
  /** Two reports within this many metres of each other are at the same location. */
  radiusMetres: number;
}

export const REPEAT_DEFAULTS: RepeatSettings = { minReports: 3, windowDays: 90, radiusMetres: 50 };

export type RepeatFlag = 'repeat-victim' | 'repeat-complainant' | 'repeat-perpetrator' | 'repeat-location';

export const FLAG_LABELS: Record<RepeatFlag, string> = {
  'repeat-victim': 'Repeat victim',
  'repeat-complainant': 'Repeat complainant',
  'repeat-perpetrator': 'Repeat perpetrator',
  'repeat-location': 'Repeat location',
};

const ROLE_FLAG: Record<string, RepeatFlag> = {
  victim: 'repeat-victim',
  complainant: 'repeat-complainant',
  reporter: 'repeat-complainant',
  perpetrator: 'repeat-perpetrator',
};

export interface FlagRecord {
  role: string;
  /** The report (or other source) the record came from; records of one source count once. */
  sourceKey: string;
}

export interface Place {
  postcode: string | null;
  address: string | null;
  lat: number | null;
  lng: number | null;
}

export function metresBetween(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const r = 6_371_000;
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * r * Math.asin(Math.sqrt(h));
}

const norm = (s: string | null) => (s ? s.replace(/\s+/g, '').toUpperCase() : null);

function samePlace(a: Place, b: Place, radius: number): boolean {
  if (norm(a.postcode) && norm(a.postcode) === norm(b.postcode)) return true;
  if (norm(a.address) && norm(a.address) === norm(b.address)) return true;
  if (a.lat != null && a.lng != null && b.lat != null && b.lng != null)
    return metresBetween({ lat: a.lat, lng: a.lng }, { lat: b.lat, lng: b.lng }) <= radius;
  return false;
}

/** Role flags from a person's records in the window (records already filtered by date). */
export function roleFlags(records: readonly FlagRecord[], s: RepeatSettings): RepeatFlag[] {
  const sources = new Map<RepeatFlag, Set<string>>();
  for (const r of records) {
    const flag = ROLE_FLAG[r.role];
    if (!flag) continue;
    (sources.get(flag) ?? sources.set(flag, new Set()).get(flag)!).add(r.sourceKey);
  }
  return [...sources].filter(([, keys]) => keys.size >= s.minReports).map(([f]) => f);
}

/** True when at least minReports of the places are at one location (same postcode/address or within the radius of one of them). */
export function repeatLocation(places: readonly Place[], s: RepeatSettings): boolean {
  return places.some(
    (p) => places.filter((q) => q === p || samePlace(p, q, s.radiusMetres)).length >= s.minReports,
  );
}
