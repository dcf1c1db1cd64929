import { TZDate } from '@date-fns/tz';
import { isIsoDate, todayInLondon } from '../platform/dates/calendar-date.js';
import { PLACES, findPlace } from '../reports/geo/gazetteer.js';
import { distanceMetres } from '../reports/geo/locate.js';
import type { OutreachContactsTable } from './tables.js';

type Body = Record<string, unknown>;
type Errors = Record<string, string>;

export const str = (v: unknown, max = 500): string | null => {
  const s = typeof v === 'string' ? v.trim() : '';
  return s ? s.slice(0, max) : null;
};

/** A landmark is "near" a current-location fix when it is within this distance. */
const NEAREST_LANDMARK_METRES = 400;

export function nearestLandmark(lat: number, lng: number): string | null {
  let best: { name: string; d: number } | null = null;
  for (const p of PLACES) {
    const d = distanceMetres(lat, lng, p.lat, p.lng);
    if (!best || d < best.d) best = { name: p.name, d };
  }
  return best && best.d <= NEAREST_LANDMARK_METRES ? best.name : null;
}

/**
 * Where and when from the first page of the journey: the fields to save (what is valid, even when
 * another field is not) and the errors, each naming its field.
 */
export function parseWhere(body: Body, now: Date): { patch: Partial<OutreachContactsTable>; errors: Errors } {
  const errors: Errors = {};
  const patch: Partial<OutreachContactsTable> = { place_detail: str(body.placeDetail, 200) };
  const lat = Number(body.lat);
  const lng = Number(body.lng);
  const hasFix = str(body.lat) !== null && Number.isFinite(lat) && Number.isFinite(lng);
  const landmark = str(body.landmark, 200);
  const place = landmark ? findPlace(landmark) : null;
  if (landmark && !place) errors.landmark = 'Choose the nearest landmark from the list';
  else if (place)
    Object.assign(patch, {
      place_kind: 'landmark',
      place_name: place.name,
      lat: place.lat,
      lng: place.lng,
    });
  if (hasFix && (!place || body.placeKind === 'current-location')) {
    const kind = body.placeKind === 'current-location' ? 'current-location' : 'pin';
    Object.assign(patch, {
      place_kind: kind,
      lat,
      lng,
      place_name: nearestLandmark(lat, lng) ?? place?.name ?? null,
    });
  }
  if (!landmark && !hasFix)
    errors.landmark =
      'Enter where the contact took place: choose the nearest landmark, or use your current location';
  const [d, m, y] = ['day', 'month', 'year'].map((p) => String(body[`occurredOn-${p}`] ?? '').trim());
  const date = d || m || y ? `${y.padStart(4, '0')}-${m.padStart(2, '0')}-${d.padStart(2, '0')}` : '';
  const today = todayInLondon(now);
  if (!date) errors.occurredOn = 'Enter the date of the contact';
  else if (!isIsoDate(date)) errors.occurredOn = 'The date of the contact must be a real date';
  else if (date > today) errors.occurredOn = 'The date of the contact must be today or in the past';
  else patch.occurred_on = date;
  const time = str(body.occurredTime, 10);
  const tm = time ? /^([01]?\d|2[0-3])[:.]([0-5]\d)$/.exec(time) : null;
  if (!time) errors.occurredTime = 'Enter the time of the contact';
  else if (!tm) errors.occurredTime = 'Enter the time of the contact as hours and minutes, like 21:30';
  else patch.occurred_time = `${tm[1].padStart(2, '0')}:${tm[2]}`;
  if (!time || !tm || errors.occurredOn) patch.occurred_at = null;
  else {
    const [yy, mm, dd] = date.split('-').map(Number);
    const at = new TZDate(yy, mm - 1, dd, Number(tm[1]), Number(tm[2]), 0, 0, 'Europe/London');
    if (at.getTime() > now.getTime() + 5 * 60_000)
      errors.occurredTime = 'The time of the contact must be now or in the past';
    else patch.occurred_at = new Date(at.getTime()).toISOString();
  }
  if (errors.occurredOn) patch.occurred_on = null;
  if (errors.landmark && !hasFix)
    Object.assign(patch, { place_kind: null, place_name: null, lat: null, lng: null });
  return { patch, errors };
}
