import { isValid, toDistrict, toSubDistrict, toNormalised, match as findPostcodes } from 'postcode';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { cityBoundary } from './boundary.js';
import { PLACES, findPlace, type Place } from './gazetteer.js';

/** Where a report is, as far as we can tell without calling out to a geocoder. */
export type Located =
  | {
      status: 'found';
      lat: number | null;
      lng: number | null;
      precision: 'pin' | 'gazetteer' | 'postcode';
      label: string;
      postcode: string | null;
      contexts: string[];
      place: Place | null;
    }
  | { status: 'outside'; label: string }
  | { status: 'unknown' }
  | { status: 'missing' };

/** Approximate centres of the EC postcode districts that lie in the City (for the map only). */
const DISTRICT_CENTRES: Record<string, [number, number]> = {
  EC1A: [51.5175, -0.0995],
  EC1Y: [51.5215, -0.096],
  EC2M: [51.5175, -0.0825],
  EC2N: [51.515, -0.0845],
  EC2R: [51.5145, -0.0895],
  EC2V: [51.515, -0.0935],
  EC2Y: [51.5195, -0.0935],
  EC3A: [51.5145, -0.0795],
  EC3M: [51.5117, -0.0815],
  EC3N: [51.5118, -0.0765],
  EC3R: [51.51, -0.0825],
  EC3V: [51.5128, -0.086],
  EC4A: [51.515, -0.108],
  EC4M: [51.514, -0.1],
  EC4N: [51.5118, -0.09],
  EC4R: [51.511, -0.0925],
  EC4V: [51.512, -0.099],
  EC4Y: [51.5128, -0.1085],
};

/** The Barbican Estate, roughly (Beech Street to London Wall, Aldersgate Street to Moor Lane). */
const BARBICAN_ESTATE = {
  type: 'Polygon' as const,
  coordinates: [
    [
      [-0.0978, 51.5212],
      [-0.0905, 51.5212],
      [-0.0898, 51.5186],
      [-0.0935, 51.5176],
      [-0.0975, 51.5176],
      [-0.0978, 51.5212],
    ],
  ],
};

/** The City's postcode districts are EC1 to EC4 (EC1 and EC2 are shared with neighbours). */
export function isCityPostcode(pc: string): boolean {
  const district = toDistrict(pc);
  return !!district && /^EC[1-4]$/.test(district);
}

const RADIANS = Math.PI / 180;

/** Great-circle (haversine) distance in metres. */
export function distanceMetres(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const dLat = (lat2 - lat1) * RADIANS;
  const dLng = (lng2 - lng1) * RADIANS;
  const a =
    Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RADIANS) * Math.cos(lat2 * RADIANS) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371e3 * Math.asin(Math.sqrt(a));
}

export function nearestPlace(lat: number, lng: number, withinMetres = 120): Place | null {
  // Places further apart in latitude than the radius cannot be within it: skip the trigonometry.
  const latWindow = withinMetres / 111_000;
  let best: Place | null = null;
  let bestDistance = Infinity;
  for (const p of PLACES) {
    if (Math.abs(p.lat - lat) > latWindow) continue;
    const d = distanceMetres(lat, lng, p.lat, p.lng);
    if (d <= withinMetres && d < bestDistance) {
      best = p;
      bestDistance = d;
    }
  }
  return best;
}

function contextsAt(lat: number, lng: number, place: Place | null): string[] {
  const out = new Set(place?.contexts ?? ['street']);
  if (booleanPointInPolygon([lng, lat], BARBICAN_ESTATE)) out.add('barbican-estate');
  return [...out];
}

/**
 * Resolves what the reporter gave: a map pin (lat/lng) wins; otherwise a postcode or a street or
 * landmark in the gazetteer. Outside the City boundary (or a postcode outside EC1-EC4): 'outside'.
 */
export function locate(input: { text?: string | null; lat?: number | null; lng?: number | null }): Located {
  const text = input.text?.trim() ?? '';
  const boundary = cityBoundary();
  if (input.lat != null && input.lng != null && Number.isFinite(input.lat) && Number.isFinite(input.lng)) {
    const { lat, lng } = input;
    if (!boundary.contains(lat, lng))
      return { status: 'outside', label: text || `${lat.toFixed(5)}, ${lng.toFixed(5)}` };
    const place = (text && findPlace(text)) || nearestPlace(lat, lng);
    const pcs = text ? findPostcodes(text) : [];
    return {
      status: 'found',
      lat,
      lng,
      precision: 'pin',
      label: text || (place ? `Near ${place.name}` : 'Map pin'),
      postcode: pcs.length ? toNormalised(pcs[0]) : null,
      contexts: contextsAt(lat, lng, place),
      place,
    };
  }
  if (!text) return { status: 'missing' };
  const compact = text.replace(/\s+/g, '');
  const whole = isValid(text) ? text : compact.length <= 8 && isValid(compact) ? compact : null;
  const pc = whole ?? findPostcodes(text)[0] ?? null;
  if (pc && isValid(pc)) {
    const normalised = toNormalised(pc)!;
    if (!isCityPostcode(normalised)) return { status: 'outside', label: normalised };
    const place = findPlace(text.replace(pc, ''));
    if (place)
      return {
        status: 'found',
        lat: place.lat,
        lng: place.lng,
        precision: 'gazetteer',
        label: text,
        postcode: normalised,
        contexts: [...place.contexts],
        place,
      };
    const centre = DISTRICT_CENTRES[toSubDistrict(normalised) ?? toDistrict(normalised) ?? ''];
    if (centre && !boundary.contains(centre[0], centre[1])) return { status: 'outside', label: normalised };
    return {
      status: 'found',
      lat: centre?.[0] ?? null,
      lng: centre?.[1] ?? null,
      precision: 'postcode',
      label: text,
      postcode: normalised,
      contexts: centre ? contextsAt(centre[0], centre[1], null) : ['street'],
      place: null,
    };
  }
  const place = findPlace(text);
  if (place)
    return {
      status: 'found',
      lat: place.lat,
      lng: place.lng,
      precision: 'gazetteer',
      label: text,
      postcode: null,
      contexts: [...place.contexts],
      place,
    };
  return { status: 'unknown' };
}
