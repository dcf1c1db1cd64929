/**
 * A small offline gazetteer of real City of London streets, landmarks, stations and Barbican Estate
 * blocks. Coordinates are approximate (a point on or near the street), enough to place a report and
 * route it; the map pin is the precise option. Context codes feed the service map.
 */
export interface Place {
  name: string;
  lat: number;
  lng: number;
  kind: 'street' | 'landmark' | 'station' | 'estate-block' | 'walkway';
  contexts: string[];
  /** Postcode district the place is in (approximately). */
  district: string;
  /** Other names people type. */
  aliases?: string[];
  /** Relative share of demo reports: busier, night-time-economy places get more. */
  weight: number;
  /** A night-time-economy hotspot (pubs, bars, late venues). */
  nte?: boolean;
}

const s = (
  name: string,
  lat: number,
  lng: number,
  district: string,
  weight = 2,
  extra: Partial<Place> = {},
): Place => ({
  name,
  lat,
  lng,
  kind: 'street',
  contexts: ['street'],
  district,
  weight,
  ...extra,
});
const block = (name: string, lat: number, lng: number): Place => ({
  name,
  lat,
  lng,
  kind: 'estate-block',
  contexts: ['barbican-estate'],
  district: 'EC2Y',
  weight: 1,
});
const station = (
  name: string,
  lat: number,
  lng: number,
  district: string,
  weight = 3,
  aliases: string[] = [],
): Place => ({
  name,
  lat,
  lng,
  kind: 'station',
  contexts: ['station', 'street'],
  district,
  weight,
  aliases,
});

export const PLACES: Place[] = [
  s('Leadenhall Street', 51.5133, -0.0805, 'EC3A', 4, { nte: true }),
  s('Bishopsgate', 51.5165, -0.0812, 'EC2M', 5, { nte: true }),
  s('Cheapside', 51.514, -0.0935, 'EC2V', 4, { nte: true }),
  s('Fleet Street', 51.514, -0.107, 'EC4A', 4, { nte: true }),
  s('Fenchurch Street', 51.5116, -0.0815, 'EC3M', 4, { nte: true }),
  s('Moorgate', 51.518, -0.089, 'EC2R', 3),
  s('Threadneedle Street', 51.514, -0.086, 'EC2R', 2),
  s('Cornhill', 51.5133, -0.086, 'EC3V', 2, { nte: true }),
  s('Lombard Street', 51.5123, -0.087, 'EC3V', 2),
  s('King William Street', 51.511, -0.0875, 'EC4N', 2),
  s('Cannon Street', 51.5118, -0.092, 'EC4N', 3),
  s('Queen Victoria Street', 51.5122, -0.096, 'EC4V', 2),
  s('Eastcheap', 51.5105, -0.084, 'EC3M', 2, { nte: true }),
  s('Lower Thames Street', 51.5097, -0.083, 'EC3R', 2),
  s('Upper Thames Street', 51.5103, -0.095, 'EC4V', 2),
  s('London Wall', 51.517, -0.09, 'EC2M', 3),
  s('Finsbury Circus', 51.5176, -0.0867, 'EC2M', 1),
  s('Wood Street', 51.516, -0.094, 'EC2V', 1),
  s('Aldersgate Street', 51.5185, -0.0975, 'EC1A', 2),
  s("St Martin's Le Grand", 51.5157, -0.0972, 'EC1A', 1),
  s('Newgate Street', 51.5155, -0.1, 'EC1A', 1),
  s('Holborn Viaduct', 51.517, -0.105, 'EC1A', 2),
  s('Farringdon Street', 51.516, -0.1045, 'EC4A', 2),
  s('Ludgate Hill', 51.5139, -0.1015, 'EC4M', 3, { nte: true }),
  s('Ludgate Circus', 51.514, -0.1043, 'EC4M', 1),
  s('New Bridge Street', 51.5127, -0.104, 'EC4V', 1),
  s('Fetter Lane', 51.516, -0.109, 'EC4A', 1),
  s('Carter Lane', 51.5128, -0.1005, 'EC4V', 1, { nte: true }),
  s('Bread Street', 51.513, -0.0945, 'EC4M', 1),
  s('Gresham Street', 51.5158, -0.093, 'EC2V', 2),
  s('Coleman Street', 51.5163, -0.0897, 'EC2R', 1),
  s('Old Broad Street', 51.5155, -0.0845, 'EC2N', 2),
  s('Houndsditch', 51.5157, -0.0785, 'EC3A', 2),
  s('St Mary Axe', 51.5145, -0.0803, 'EC3A', 2),
  s('Lime Street', 51.5128, -0.0822, 'EC3M', 2, { nte: true }),
  s('Gracechurch Street', 51.5122, -0.0845, 'EC3V', 2, { nte: true }),
  s('Crutched Friars', 51.511, -0.077, 'EC3N', 1, { nte: true }),
  s('Mark Lane', 51.5105, -0.08, 'EC3R', 1),
  s('Great Tower Street', 51.51, -0.081, 'EC3R', 1, { nte: true }),
  s('Fish Street Hill', 51.5103, -0.0865, 'EC3R', 1),
  s('Watling Street', 51.5128, -0.094, 'EC4M', 1, { nte: true }),
  s('Bow Lane', 51.513, -0.093, 'EC4M', 1, { nte: true }),
  s('Poultry', 51.5136, -0.0905, 'EC2R', 1),
  s('Moorfields', 51.518, -0.0885, 'EC2Y', 1),
  s('Moor Lane', 51.519, -0.0905, 'EC2Y', 1),
  s('Beech Street', 51.5204, -0.0955, 'EC2Y', 2, { contexts: ['street', 'barbican-estate'] }),
  s('Long Lane', 51.5198, -0.0995, 'EC1A', 1),
  s('West Smithfield', 51.5182, -0.1005, 'EC1A', 3, {
    aliases: ['Smithfield', 'Smithfield Market'],
    nte: true,
  }),
  s('Giltspur Street', 51.517, -0.1018, 'EC1A', 1),
  s('Old Bailey', 51.5153, -0.102, 'EC4M', 1),
  s('Chancery Lane', 51.516, -0.1113, 'EC4A', 1),
  s('Salisbury Square', 51.5138, -0.107, 'EC4Y', 1),
  s('Camomile Street', 51.516, -0.081, 'EC3A', 1),
  s('Wormwood Street', 51.5165, -0.083, 'EC2M', 1),
  s('Bevis Marks', 51.515, -0.078, 'EC3A', 1),
  s('Devonshire Square', 51.517, -0.0785, 'EC2M', 1),
  s('Eldon Street', 51.5183, -0.085, 'EC2M', 2, { nte: true }),
  s('Aldgate High Street', 51.5138, -0.0758, 'EC3N', 2, { nte: true }),
  s('Minories', 51.5122, -0.0745, 'EC3N', 1),
  s('Cullum Street', 51.5119, -0.0829, 'EC3M', 1, { nte: true }),
  s('Mincing Lane', 51.5107, -0.0817, 'EC3R', 1),
  s('Walbrook', 51.5124, -0.0911, 'EC4N', 1),
  s('Queen Street', 51.5121, -0.0925, 'EC4R', 1),
  s('Little Britain', 51.5175, -0.0985, 'EC1A', 1),
  {
    name: 'Leadenhall Market',
    lat: 51.5128,
    lng: -0.0835,
    kind: 'landmark',
    contexts: ['street', 'licensed-premises'],
    district: 'EC3V',
    weight: 4,
    nte: true,
  },
  {
    name: "St Paul's Cathedral",
    lat: 51.5138,
    lng: -0.0984,
    kind: 'landmark',
    contexts: ['street'],
    district: 'EC4M',
    weight: 3,
    aliases: ["St Paul's Churchyard", 'St Pauls'],
  },
  {
    name: 'Paternoster Square',
    lat: 51.5147,
    lng: -0.0992,
    kind: 'landmark',
    contexts: ['street', 'walkway'],
    district: 'EC4M',
    weight: 2,
    nte: true,
  },
  {
    name: 'Guildhall Yard',
    lat: 51.5157,
    lng: -0.0918,
    kind: 'landmark',
    contexts: ['street'],
    district: 'EC2V',
    weight: 1,
    aliases: ['Guildhall'],
  },
  {
    name: 'Bank junction',
    lat: 51.5133,
    lng: -0.0888,
    kind: 'landmark',
    contexts: ['street'],
    district: 'EC2R',
    weight: 3,
    aliases: ['Bank', 'Mansion House Street'],
  },
  {
    name: 'Monument',
    lat: 51.5101,
    lng: -0.0859,
    kind: 'landmark',
    contexts: ['street'],
    district: 'EC3R',
    weight: 2,
    aliases: ['The Monument'],
  },
  {
    name: 'Broadgate Circle',
    lat: 51.5195,
    lng: -0.0825,
    kind: 'landmark',
    contexts: ['street', 'licensed-premises'],
    district: 'EC2M',
    weight: 3,
    aliases: ['Broadgate'],
    nte: true,
  },
  {
    name: 'Exchange Square',
    lat: 51.52,
    lng: -0.0815,
    kind: 'landmark',
    contexts: ['street', 'walkway'],
    district: 'EC2M',
    weight: 1,
  },
  {
    name: 'Barbican Centre',
    lat: 51.5201,
    lng: -0.0938,
    kind: 'landmark',
    contexts: ['barbican-estate'],
    district: 'EC2Y',
    weight: 2,
    aliases: ['Barbican'],
  },
  {
    name: "St Bartholomew's Hospital",
    lat: 51.5175,
    lng: -0.1005,
    kind: 'landmark',
    contexts: ['street'],
    district: 'EC1A',
    weight: 1,
    aliases: ['Barts', 'Barts Hospital'],
  },
  {
    name: "Postman's Park",
    lat: 51.5166,
    lng: -0.0978,
    kind: 'landmark',
    contexts: ['street'],
    district: 'EC1A',
    weight: 1,
    aliases: ['Postmans Park'],
  },
  {
    name: 'Temple',
    lat: 51.5128,
    lng: -0.1105,
    kind: 'landmark',
    contexts: ['street'],
    district: 'EC4Y',
    weight: 1,
    aliases: ['Inner Temple', 'Middle Temple'],
  },
  {
    name: 'Golden Lane Estate',
    lat: 51.5221,
    lng: -0.0958,
    kind: 'landmark',
    contexts: ['housing-estate'],
    district: 'EC1Y',
    weight: 2,
  },
  {
    name: 'Barbican Highwalk',
    lat: 51.519,
    lng: -0.094,
    kind: 'walkway',
    contexts: ['walkway', 'barbican-estate'],
    district: 'EC2Y',
    weight: 2,
    aliases: ['Barbican high walk'],
  },
  {
    name: 'London Wall Place highwalk',
    lat: 51.5175,
    lng: -0.0915,
    kind: 'walkway',
    contexts: ['walkway'],
    district: 'EC2Y',
    weight: 1,
    aliases: ['London Wall Place'],
  },
  {
    name: 'St Alphage Highwalk',
    lat: 51.5178,
    lng: -0.0925,
    kind: 'walkway',
    contexts: ['walkway'],
    district: 'EC2Y',
    weight: 1,
  },
  {
    name: 'Bastion Highwalk',
    lat: 51.5181,
    lng: -0.0955,
    kind: 'walkway',
    contexts: ['walkway'],
    district: 'EC2Y',
    weight: 1,
  },
  station('Liverpool Street station', 51.5178, -0.0823, 'EC2M', 5, ['Liverpool Street']),
  station('Bank station', 51.5133, -0.089, 'EC2R', 2),
  station('Moorgate station', 51.5186, -0.0886, 'EC2Y', 2),
  station('Fenchurch Street station', 51.5116, -0.0786, 'EC3M', 2),
  station('Cannon Street station', 51.5113, -0.0904, 'EC4N', 2),
  station('Mansion House station', 51.5122, -0.094, 'EC4V', 1),
  station("St Paul's station", 51.5146, -0.0973, 'EC1A', 2),
  station('Barbican station', 51.5204, -0.0979, 'EC1A', 1),
  station('Aldgate station', 51.5142, -0.0756, 'EC3N', 3, ['Aldgate']),
  station('Blackfriars station', 51.5119, -0.1035, 'EC4V', 2, ['Blackfriars']),
  station('City Thameslink station', 51.5138, -0.1036, 'EC4M', 1, ['City Thameslink']),
  block('Cromwell Tower', 51.5205, -0.095),
  block('Lauderdale Tower', 51.5197, -0.0968),
  block('Shakespeare Tower', 51.5213, -0.0948),
  block('Frobisher Crescent', 51.5203, -0.0925),
  block('Ben Jonson House', 51.5211, -0.0935),
  block('Defoe House', 51.5196, -0.0958),
  block('Speed House', 51.5193, -0.092),
  block('Andrewes House', 51.5185, -0.0945),
  block('Gilbert House', 51.5189, -0.0935),
  block('Thomas More House', 51.518, -0.096),
  block('Mountjoy House', 51.5186, -0.0965),
  block('Willoughby House', 51.5193, -0.0903),
  block('Breton House', 51.5204, -0.0916),
  block('John Trundle Court', 51.5214, -0.0962),
  block('Bunyan Court', 51.5217, -0.0958),
];

const norm = (t: string) =>
  t
    .toLowerCase()
    .replace(/['’.]/g, '')
    .replace(/\b(saint|street)\b/g, 'st')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

const index = new Map<string, Place>();
for (const p of PLACES) {
  for (const n of [p.name, ...(p.aliases ?? [])]) index.set(norm(n), p);
}

/**
 * The place a typed street or landmark names: an exact name or alias (ignoring case, punctuation and
 * "St"/"Street"), else the first place whose name the text contains ("outside 10 Cheapside").
 */
export function findPlace(text: string): Place | null {
  const t = norm(text);
  if (!t) return null;
  const exact = index.get(t);
  if (exact) return exact;
  let best: { place: Place; len: number } | null = null;
  for (const [key, place] of index) {
    if (key.length < 4) continue;
    const at = ` ${t} `.indexOf(` ${key} `);
    if (at >= 0 && (!best || key.length > best.len)) best = { place, len: key.length };
  }
  return best?.place ?? null;
}

/** Names for the form's hint and datalist. */
export const placeNames = (): string[] => PLACES.map((p) => p.name).sort();

/** A place's stable id (Open311 address_id): its name in lower case with hyphens ("fenchurch-street"). */
export const placeId = (p: Place): string =>
  p.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

let byId: Map<string, Place> | null = null;
/** The place with this id (see placeId), or null. */
export function placeById(id: string): Place | null {
  byId ??= new Map(PLACES.map((p) => [placeId(p), p]));
  return byId.get(id.trim().toLowerCase()) ?? null;
}
