/** What a partner file holds: events (noise complaints, cleansing jobs, licensing visits...) or assets. */
export type PartnerKind = 'events' | 'cctv' | 'streetlight';

export const PARTNER_KINDS: Record<PartnerKind, string> = {
  events: 'Events with a date (noise complaints, cleansing jobs, licensing visits...)',
  cctv: 'CCTV cameras',
  streetlight: 'Street-light units',
};

export type PartnerField =
  | 'id'
  | 'date'
  | 'time'
  | 'category'
  | 'latitude'
  | 'longitude'
  | 'easting'
  | 'northing'
  | 'location'
  | 'outcome'
  | 'label'
  | 'status';

export interface FieldSpec {
  field: PartnerField;
  label: string;
  hint: string;
  /** Header names that suggest this field when nothing is saved yet (lower case). */
  guesses: string[];
}

const ALL: Record<PartnerField, FieldSpec> = {
  id: {
    field: 'id',
    label: 'Reference',
    hint: "The partner's own reference for the row; a re-import of the same reference adds nothing",
    guesses: [
      'id',
      'ref',
      'reference',
      'job id',
      'job number',
      'case ref',
      'complaint ref',
      'asset id',
      'unit id',
      'camera id',
      'unit number',
    ],
  },
  date: {
    field: 'date',
    label: 'Date (or date and time)',
    hint: 'For example 2024-05-17, 17/05/2024 or 17/05/2024 22:40',
    guesses: [
      'date',
      'datetime',
      'date time',
      'received',
      'date received',
      'reported',
      'created',
      'visit date',
      'occurred',
    ],
  },
  time: {
    field: 'time',
    label: 'Time',
    hint: 'When the date column has no time: for example 22:40',
    guesses: ['time', 'time received', 'visit time'],
  },
  category: {
    field: 'category',
    label: 'Category',
    hint: 'The kind of event; without one, the source name is used',
    guesses: ['category', 'type', 'complaint type', 'job type', 'visit type', 'problem'],
  },
  latitude: {
    field: 'latitude',
    label: 'Latitude',
    hint: 'WGS84 degrees, about 51.5 in London',
    guesses: ['latitude', 'lat', 'y_wgs84'],
  },
  longitude: {
    field: 'longitude',
    label: 'Longitude',
    hint: 'WGS84 degrees, about -0.09 in the City',
    guesses: ['longitude', 'lon', 'lng', 'long', 'x_wgs84'],
  },
  easting: {
    field: 'easting',
    label: 'Easting',
    hint: 'British National Grid metres, 6 digits',
    guesses: ['easting', 'east', 'x'],
  },
  northing: {
    field: 'northing',
    label: 'Northing',
    hint: 'British National Grid metres, 6 digits',
    guesses: ['northing', 'north', 'y'],
  },
  location: {
    field: 'location',
    label: 'Place',
    hint: 'A street or place name',
    guesses: ['location', 'address', 'street', 'place', 'site'],
  },
  outcome: { field: 'outcome', label: 'Outcome', hint: 'Optional', guesses: ['outcome', 'result', 'status'] },
  label: {
    field: 'label',
    label: 'Description',
    hint: 'Optional: for example the camera type',
    guesses: ['label', 'description', 'name', 'type'],
  },
  status: {
    field: 'status',
    label: 'Status',
    hint: 'Optional: for example working or fault',
    guesses: ['status', 'condition', 'state'],
  },
};

/** The fields asked for each kind, in the order the mapping form shows them. */
export function fieldsFor(kind: PartnerKind): FieldSpec[] {
  const names: PartnerField[] =
    kind === 'events'
      ? [
          'id',
          'date',
          'time',
          'category',
          'latitude',
          'longitude',
          'easting',
          'northing',
          'location',
          'outcome',
        ]
      : ['id', 'latitude', 'longitude', 'easting', 'northing', 'label', 'status', 'location'];
  return names.map((n) => ALL[n]);
}

export interface PartnerMapping {
  /** Field -> the CSV column it comes from. */
  columns: Partial<Record<PartnerField, string>>;
  /** Read slashed dates as DD/MM/YYYY (true, the UK way) or MM/DD/YYYY. */
  dayFirst: boolean;
}

/** Problems with a mapping before any row is read (GOV.UK-worded, keyed by field). */
export function mappingProblems(
  kind: PartnerKind,
  mapping: PartnerMapping,
  header: readonly string[],
): Record<string, string> {
  const errors: Record<string, string> = {};
  const has = (f: PartnerField) => !!mapping.columns[f];
  for (const [field, column] of Object.entries(mapping.columns)) {
    if (column && !header.includes(column))
      errors[field] = `The file has no column "${column}"; choose one of its columns`;
  }
  const lonLat = has('latitude') || has('longitude');
  const bng = has('easting') || has('northing');
  if (!lonLat && !bng)
    errors.latitude = 'Choose the columns with the location: latitude and longitude, or easting and northing';
  else if (lonLat && !(has('latitude') && has('longitude')))
    errors[has('latitude') ? 'longitude' : 'latitude'] = 'Choose both latitude and longitude';
  else if (!lonLat && bng && !(has('easting') && has('northing')))
    errors[has('easting') ? 'northing' : 'easting'] = 'Choose both easting and northing';
  if (kind === 'events' && !has('date')) errors.date = 'Choose the column with the date';
  if (kind !== 'events' && !has('id')) errors.id = 'Choose the column with the asset reference';
  return errors;
}

/** A first mapping from the header's names. */
export function guessMapping(kind: PartnerKind, header: readonly string[]): PartnerMapping {
  const lower = header.map((h) => h.trim().toLowerCase());
  const columns: Partial<Record<PartnerField, string>> = {};
  const used = new Set<number>();
  for (const spec of fieldsFor(kind)) {
    const i = lower.findIndex((h, k) => !used.has(k) && spec.guesses.includes(h));
    if (i >= 0) {
      columns[spec.field] = header[i];
      used.add(i);
    }
  }
  return { columns, dayFirst: true };
}

/** A source code from its name: "Noise complaints (EH)" -> "noise-complaints-eh". */
export function sourceCode(name: string): string {
  return (
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'partner'
  );
}
