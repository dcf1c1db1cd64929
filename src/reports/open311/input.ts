import type { ReferenceData } from '../reference.js';
import type { NewReport } from '../service.js';
import { locate } from '../geo/locate.js';
import { placeById } from '../geo/gazetteer.js';
import { emailSchema, ukPhone } from '../schemas.js';
import { CLIENT_ID_ATTRIBUTE } from './format.js';

/** The specification allows descriptions of up to 4,000 characters. */
export const OPEN311_DESCRIPTION_MAX = 4000;
const MEDIA_URL_MAX = 2000;

/** One parameter as text, whether the body was a form (strings, repeated keys) or JSON (numbers too). */
export const param = (v: unknown): string => {
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (Array.isArray(v)) return param(v[0]);
  return '';
};

/** attribute[code]=v, attribute[code][]=v and repeated attribute[code] (forms), or {attribute: {code: v}} (JSON). */
export function attributes(body: Record<string, unknown>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const add = (k: string, v: unknown) => {
    const list = (Array.isArray(v) ? v : [v]).map(param).filter(Boolean);
    out[k] = [...(out[k] ?? []), ...list];
  };
  for (const [k, v] of Object.entries(body)) {
    const m = /^attribute\[([\w-]+)\](\[\])?$/.exec(k);
    if (m) add(m[1], v);
  }
  if (body.attribute && typeof body.attribute === 'object' && !Array.isArray(body.attribute))
    for (const [k, v] of Object.entries(body.attribute as Record<string, unknown>)) add(k, v);
  return out;
}

/** CRLF and lone CR become LF, so text from Windows and old Mac clients reads the same. */
const text = (v: unknown) => param(v).replace(/\r\n?/g, '\n');

export type ParsedRequest =
  | { ok: true; report: NewReport; clientId: string | null }
  | { ok: false; status: 400 | 404; problems: string[] };

function coordinates(body: Record<string, unknown>, problems: string[]) {
  const rawLat = param(body.lat);
  const rawLng = param(body.long);
  if (!rawLat && !rawLng) return { lat: null, lng: null, given: false };
  const lat = Number(rawLat);
  const lng = Number(rawLng);
  if (!rawLat || !rawLng) problems.push('lat and long must be given together');
  else if (!Number.isFinite(lat) || lat < -90 || lat > 90)
    problems.push('lat must be a latitude in decimal degrees');
  else if (!Number.isFinite(lng) || lng < -180 || lng > 180)
    problems.push('long must be a longitude in decimal degrees');
  else return { lat, lng, given: true };
  return { lat: null, lng: null, given: true };
}

/**
 * A GeoReport v2 POST requests body as a new report, or every problem with it (each naming its field).
 * Location is lat/long, address_string (a street, landmark or postcode) or address_id (a gazetteer id).
 */
export function parseRequest(body: Record<string, unknown>, ref: ReferenceData): ParsedRequest {
  const problems: string[] = [];
  const serviceCode = param(body.service_code);
  const category = ref.category.get(serviceCode);
  if (!serviceCode) problems.push('service_code is required');
  else if (!category || !category.active)
    return { ok: false, status: 404, problems: [`service_code ${serviceCode} not found`] };
  const description = text(body.description);
  if (description.length > OPEN311_DESCRIPTION_MAX)
    problems.push(
      `description must be ${OPEN311_DESCRIPTION_MAX.toLocaleString('en-GB')} characters or fewer`,
    );
  const { lat, lng, given } = coordinates(body, problems);
  const address = param(body.address_string) || null;
  const addressId = param(body.address_id);
  const place = addressId ? placeById(addressId) : null;
  if (addressId && !place) problems.push(`address_id ${addressId} is not in the gazetteer`);
  if (!given && !address && !addressId)
    problems.push('a location is required: lat and long, address_string or address_id');
  const email = param(body.email) || null;
  const phone = param(body.phone) || null;
  if (email && !emailSchema.safeParse(email).success) problems.push('email is not a valid email address');
  if (phone && !ukPhone(phone)) problems.push('phone is not a valid telephone number');
  const mediaUrl = param(body.media_url) || null;
  if (mediaUrl && (mediaUrl.length > MEDIA_URL_MAX || !/^https?:\/\/[^\s]+$/i.test(mediaUrl)))
    problems.push('media_url must be an http or https address');
  if (problems.length) return { ok: false, status: 400, problems };

  const located = place
    ? locate({ text: address ?? place.name, lat: lat ?? place.lat, lng: lng ?? place.lng })
    : locate({ text: address, lat, lng });
  if (located.status === 'outside')
    return { ok: false, status: 400, problems: ['lat and long are outside the partnership area'] };
  if (located.status !== 'found')
    return {
      ok: false,
      status: 400,
      problems: [
        'address_string was not recognised as a street, landmark or postcode in the area; send lat and long',
      ],
    };
  const attrs = attributes(body);
  const givenName = param(body.first_name) || null;
  const surname = param(body.last_name) || null;
  const name = [givenName, surname].filter(Boolean).join(' ') || null;
  const clientId = attrs[CLIENT_ID_ATTRIBUTE]?.[0] ?? null;
  const report: NewReport = {
    channel: 'open311',
    categoryCode: category!.code,
    hateIncident: ['true', 'yes', '1'].includes((attrs.hate_incident?.[0] ?? '').toLowerCase()),
    description,
    location: {
      text: address ?? place?.name ?? (located.place ? `Near ${located.place.name}` : null),
      postcode: located.postcode,
      lat: located.lat,
      lng: located.lng,
      precision: place && lat === null ? 'gazetteer' : located.precision,
      contexts: [...located.contexts, ...(attrs.place_context ?? [])],
    },
    occurred: { kind: 'at', at: null, note: null },
    reporter: {
      kind: 'witness',
      anonymous: !name && !email && !phone,
      name,
      givenName,
      surname,
      email,
      phone,
      // The client tells the resident itself (FixMyStreet confirms the report and relays updates), so
      // ASB Hub does not write to them as well; staff still have the details to get in touch.
      contactPreference: 'none',
    },
    externalId: clientId ?? (param(body.service_request_id) || null),
    mediaUrl,
  };
  return { ok: true, report, clientId };
}
