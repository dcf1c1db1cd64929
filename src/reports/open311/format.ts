import type { ReferenceData } from '../reference.js';
import type { ReportsTable, ReportCategoriesTable } from '../tables.js';
import { nearestPlace } from '../geo/locate.js';
import { w3c } from './output.js';

/** The attribute a FixMyStreet install fills with its own report id: a retry with it finds the first request. */
export const CLIENT_ID_ATTRIBUTE = 'fixmystreet_id';

/**
 * The service list entry. Categories about people carry the keyword `private`, which FixMyStreet
 * reads to keep such reports off its public map.
 */
export function serviceOf(c: ReportCategoriesTable) {
  return {
    service_code: c.code,
    service_name: c.public_name,
    description: c.public_description,
    metadata: true,
    type: 'realtime',
    keywords: [...(c.about_people ? ['private'] : []), c.group_code, c.nsir_category].join(','),
    group:
      c.nsir_category === 'environmental'
        ? 'Environmental'
        : c.nsir_category === 'personal'
          ? 'Personal'
          : 'Nuisance',
  };
}

export function serviceDefinition(c: ReportCategoriesTable, ref: ReferenceData) {
  return {
    service_code: c.code,
    attributes: [
      {
        variable: true,
        code: 'hate_incident',
        datatype: 'singlevaluelist',
        required: false,
        datatype_description: 'Whether the reporter thinks it was motivated by hostility or prejudice',
        order: 1,
        description: 'Do you think it was motivated by hostility or prejudice?',
        values: [
          { key: 'true', name: 'Yes' },
          { key: 'false', name: 'No' },
        ],
      },
      {
        variable: true,
        code: 'place_context',
        datatype: 'multivaluelist',
        required: false,
        datatype_description: 'What describes the place',
        order: 2,
        description: 'Do any of these describe the place?',
        values: ref.contexts.map((x) => ({ key: x.code, name: x.label })),
      },
      {
        variable: false,
        code: CLIENT_ID_ATTRIBUTE,
        datatype: 'string',
        required: false,
        datatype_description: "The sending system's own id for the report",
        order: 3,
        description:
          'Your reference for this report: sending it again with the same value returns the first request',
        automated: 'server_set',
      },
    ],
  };
}

/**
 * Whether a request may be listed publicly (without the submitting system's key): hate incidents and
 * behaviour aimed at a person (the National Standard's "personal" category) are never published.
 */
export function publishable(r: ReportsTable, ref: ReferenceData): boolean {
  const category = ref.category.get(r.category_code);
  return (
    r.hate_incident === 0 && !!category && category.nsir_category !== 'personal' && !category.about_people
  );
}

/**
 * mySociety's extended statuses (what FixMyStreet maps to its own states) for a report state. A
 * resolved environmental report (graffiti, fly-tipping) is FIXED; other resolved reports are CLOSED.
 */
export function extendedStatus(stateCode: string, kind: string, environmental: boolean): string {
  const named: Record<string, string> = {
    new: 'OPEN',
    acknowledged: 'INVESTIGATING',
    'awaiting-information': 'INVESTIGATING',
    'in-progress': 'IN_PROGRESS',
    'action-scheduled': 'ACTION_SCHEDULED',
    'no-further-action': 'NO_FURTHER_ACTION',
    referred: 'NOT_COUNCILS_RESPONSIBILITY',
    'internal-referral': 'INTERNAL_REFERRAL',
    duplicate: 'DUPLICATE',
  };
  if (stateCode === 'resolved') return environmental ? 'FIXED' : 'CLOSED';
  return named[stateCode] ?? (kind === 'closed' ? 'CLOSED' : 'OPEN');
}

/** One staff-published update as mySociety's servicerequestupdates extension shows it. */
export function updateOf(
  u: { id: string; reference: string; state_code: string; at: string; text: string | null },
  ref: ReferenceData,
  environmental: boolean,
) {
  const state = ref.state.get(u.state_code);
  return {
    update_id: u.id,
    service_request_id: u.reference,
    status: extendedStatus(u.state_code, state?.kind ?? 'open', environmental),
    updated_datetime: w3c(u.at),
    description: u.text ?? state?.public_label ?? '',
    media_url: null,
  };
}

/**
 * One request as GeoReport v2 shows it. Without the submitting system's key only what is safe to
 * publish is shown: no description, and the place rounded to about 100 metres and named by the
 * nearest street or landmark.
 */
export function requestOf(r: ReportsTable, ref: ReferenceData, full: boolean) {
  const category = ref.category.get(r.category_code);
  const state = ref.state.get(r.state_code);
  const near = !full && r.lat != null && r.lng != null ? nearestPlace(r.lat, r.lng, 250) : null;
  return {
    service_request_id: r.reference,
    status: r.state_kind === 'closed' ? 'closed' : 'open',
    status_notes: state?.public_label ?? null,
    service_name: category?.public_name ?? r.category_code,
    service_code: r.category_code,
    description: full ? r.description : null,
    agency_responsible: null,
    service_notice: null,
    requested_datetime: w3c(r.created_at),
    updated_datetime: w3c(r.updated_at),
    expected_datetime: w3c(r.due_at),
    address: full ? r.location_text : near ? `Near ${near.name}` : null,
    address_id: null,
    zipcode: full ? r.postcode : null,
    lat: r.lat == null ? null : full ? r.lat : Math.round(r.lat * 1000) / 1000,
    long: r.lng == null ? null : full ? r.lng : Math.round(r.lng * 1000) / 1000,
    media_url: full ? r.media_url : null,
  };
}
