import type { ReferenceData } from '../reference.js';
import type { ReportsTable, ReportCategoriesTable } from '../tables.js';
import { nearestPlace } from '../geo/locate.js';

/** GeoReport v2 error list: an array of {code, description}. */
export const open311Errors = (code: number, ...descriptions: string[]) =>
  descriptions.map((description) => ({ code, description }));

export function serviceOf(c: ReportCategoriesTable) {
  return {
    service_code: c.code,
    service_name: c.public_name,
    description: c.public_description,
    metadata: true,
    type: 'realtime',
    keywords: [c.group_code, c.nsir_category].join(','),
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
    ],
  };
}

/**
 * Whether a request may be listed publicly (without the submitting system's key): hate incidents and
 * behaviour aimed at a person (the National Standard's "personal" category) are never published.
 */
export function publishable(r: ReportsTable, ref: ReferenceData): boolean {
  return r.hate_incident === 0 && ref.category.get(r.category_code)?.nsir_category !== 'personal';
}

/**
 * One request as GeoReport v2 shows it. Without the submitting system's key only what is safe to
 * publish is shown: no description, and the place rounded to about 100 metres and named by the
 * nearest street or landmark.
 */
export function requestOf(r: ReportsTable, ref: ReferenceData, full: boolean) {
  const category = ref.category.get(r.category_code);
  const state = ref.state.get(r.state_code);
  const near = r.lat != null && r.lng != null ? nearestPlace(r.lat, r.lng, 250) : null;
  return {
    service_request_id: r.reference,
    status: r.state_kind === 'closed' ? 'closed' : 'open',
    status_notes: state?.public_label ?? null,
    service_name: category?.public_name ?? r.category_code,
    service_code: r.category_code,
    description: full ? r.description : null,
    agency_responsible: null,
    service_notice: null,
    requested_datetime: r.created_at,
    updated_datetime: r.updated_at,
    expected_datetime: r.due_at,
    address: full ? r.location_text : near ? `Near ${near.name}` : null,
    address_id: null,
    zipcode: full ? r.postcode : null,
    lat: r.lat == null ? null : full ? r.lat : Math.round(r.lat * 1000) / 1000,
    long: r.lng == null ? null : full ? r.lng : Math.round(r.lng * 1000) / 1000,
    media_url: null,
  };
}
