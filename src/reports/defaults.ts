/**
 * The reference data a new partnership starts with: categories (DOMAIN.md's City subtypes), place
 * contexts, states and the service map. All of it is data: administrators change it in the UI.
 */
export type NsirCategory = 'personal' | 'nuisance' | 'environmental';

export interface CategoryDefault {
  code: string;
  group: string;
  name: string;
  publicName: string;
  publicDescription: string;
  nsir: NsirCategory;
  slaHours: number;
  environmental?: boolean;
  /** A person could be identified from such a report: kept off public lists. */
  aboutPeople?: boolean;
}

export const DEFAULT_CATEGORIES: CategoryDefault[] = [
  {
    code: 'noise-residential',
    group: 'noise',
    name: 'Noise: residential',
    publicName: 'Noise from a home',
    publicDescription: 'Loud music, parties, shouting or banging from a flat or house.',
    nsir: 'nuisance',
    slaHours: 72,
  },
  {
    code: 'noise-commercial',
    group: 'noise',
    name: 'Noise: commercial',
    publicName: 'Noise from a business',
    publicDescription: 'Noise from a shop, office, restaurant, deliveries or plant such as air conditioning.',
    nsir: 'nuisance',
    slaHours: 72,
  },
  {
    code: 'noise-construction',
    group: 'noise',
    name: 'Noise: construction',
    publicName: 'Noise from building or demolition work',
    publicDescription: 'Building work outside permitted hours, or unusually loud or dusty work.',
    nsir: 'nuisance',
    slaHours: 48,
  },
  {
    code: 'noise-street',
    group: 'noise',
    name: 'Noise: street',
    publicName: 'Noise in the street',
    publicDescription: 'Shouting, singing, amplified music or groups causing noise in a public place.',
    nsir: 'nuisance',
    slaHours: 48,
  },
  {
    code: 'licensed-premises',
    group: 'licensed-premises',
    name: 'Nuisance from licensed premises',
    publicName: 'Nuisance from a pub, bar, club or other licensed premises',
    publicDescription:
      'Noise, crowds, drinking outside or disorder linked to a premises that sells alcohol or late-night refreshment.',
    nsir: 'nuisance',
    slaHours: 72,
  },
  {
    code: 'street-drinking',
    group: 'street-drinking',
    name: 'Street drinking',
    publicName: 'Street drinking',
    publicDescription: 'People drinking alcohol in the street and behaving in a way that causes a nuisance.',
    nsir: 'nuisance',
    slaHours: 72,
  },
  {
    code: 'drug-use',
    group: 'drug-use',
    name: 'Drug use',
    publicName: 'Drug use or dealing',
    publicDescription:
      'People using or dealing drugs, or drug litter such as needles or nitrous oxide canisters.',
    nsir: 'nuisance',
    slaHours: 72,
  },
  {
    code: 'public-urination',
    group: 'environmental',
    name: 'Public urination',
    publicName: 'Public urination',
    publicDescription:
      'Someone urinating in the street, a doorway or an alley, or a place that needs cleaning because of it.',
    nsir: 'environmental',
    slaHours: 24,
    environmental: true,
  },
  {
    code: 'aggressive-begging',
    group: 'begging',
    name: 'Aggressive begging',
    publicName: 'Aggressive begging',
    publicDescription: 'Someone asking for money in a way that is intimidating, persistent or threatening.',
    nsir: 'nuisance',
    slaHours: 48,
    aboutPeople: true,
  },
  {
    code: 'rough-sleeping',
    group: 'welfare',
    name: 'Rough sleeping welfare concern',
    publicName: 'Someone sleeping rough who may need help',
    publicDescription:
      'You are worried about the welfare of someone sleeping rough. An outreach worker will try to find them and offer help.',
    nsir: 'nuisance',
    slaHours: 24,
    aboutPeople: true,
  },
  {
    code: 'harassment',
    group: 'harassment',
    name: 'Harassment and intimidation',
    publicName: 'Harassment or intimidation',
    publicDescription:
      'Behaviour aimed at you or someone else that causes alarm or distress, such as threats, verbal abuse or following someone.',
    nsir: 'personal',
    slaHours: 24,
    aboutPeople: true,
  },
  {
    code: 'vehicle-nuisance',
    group: 'vehicles',
    name: 'Vehicle nuisance',
    publicName: 'Vehicle nuisance',
    publicDescription:
      'Cars or motorbikes driven or revved anti-socially, engines left idling, or nuisance parking.',
    nsir: 'nuisance',
    slaHours: 72,
  },
  {
    code: 'cycling-walkways',
    group: 'walkways',
    name: 'Cycling on walkways',
    publicName: 'Cycling on walkways or pavements',
    publicDescription: 'Cycling on City walkways, high walks or pavements in a way that puts people at risk.',
    nsir: 'nuisance',
    slaHours: 120,
  },
  {
    code: 'walkway-bylaw',
    group: 'walkways',
    name: 'Walkway bylaw breach',
    publicName: 'Other misuse of a City walkway',
    publicDescription: 'Skateboarding, obstruction or other behaviour that breaks the City walkway bylaws.',
    nsir: 'nuisance',
    slaHours: 120,
  },
  {
    code: 'graffiti',
    group: 'environmental',
    name: 'Graffiti',
    publicName: 'Graffiti',
    publicDescription:
      'Graffiti on walls, street furniture or buildings. Offensive graffiti is removed within 24 hours.',
    nsir: 'environmental',
    slaHours: 120,
    environmental: true,
  },
  {
    code: 'fly-posting',
    group: 'environmental',
    name: 'Fly-posting',
    publicName: 'Fly-posting',
    publicDescription: 'Posters, stickers or flyers put up without permission.',
    nsir: 'environmental',
    slaHours: 72,
    environmental: true,
  },
  {
    code: 'litter-fly-tipping',
    group: 'environmental',
    name: 'Littering and fly-tipping',
    publicName: 'Litter or fly-tipping',
    publicDescription: 'Litter, dumped rubbish, furniture or trade waste left in the street.',
    nsir: 'environmental',
    slaHours: 48,
    environmental: true,
  },
];

export interface PlaceContextDefault {
  code: string;
  label: string;
  askPublic: boolean;
}

export const DEFAULT_PLACE_CONTEXTS: PlaceContextDefault[] = [
  { code: 'barbican-estate', label: 'On the Barbican Estate', askPublic: true },
  {
    code: 'licensed-premises',
    label: 'At or outside a pub, bar, club or other licensed premises',
    askPublic: true,
  },
  { code: 'walkway', label: 'On a high walk or City walkway', askPublic: true },
  { code: 'station', label: 'At or near a railway or Underground station', askPublic: true },
  { code: 'housing-estate', label: 'On a City housing estate other than the Barbican', askPublic: true },
  { code: 'street', label: 'In the street', askPublic: false },
];

export interface StateDefault {
  code: string;
  label: string;
  publicLabel: string;
  kind: 'open' | 'closed';
  initial?: boolean;
}

export const DEFAULT_STATES: StateDefault[] = [
  { code: 'new', label: 'New', publicLabel: 'Received', kind: 'open', initial: true },
  { code: 'acknowledged', label: 'Acknowledged', publicLabel: 'Being looked at', kind: 'open' },
  { code: 'in-progress', label: 'In progress', publicLabel: 'Action under way', kind: 'open' },
  { code: 'action-scheduled', label: 'Action scheduled', publicLabel: 'Action planned', kind: 'open' },
  {
    code: 'awaiting-information',
    label: 'Awaiting information',
    publicLabel: 'We need more information',
    kind: 'open',
  },
  { code: 'resolved', label: 'Resolved', publicLabel: 'Resolved', kind: 'closed' },
  {
    code: 'no-further-action',
    label: 'No further action',
    publicLabel: 'Closed: no further action',
    kind: 'closed',
  },
  {
    code: 'referred',
    label: 'Referred elsewhere',
    publicLabel: 'Passed to another organisation',
    kind: 'closed',
  },
  { code: 'duplicate', label: 'Duplicate', publicLabel: 'Closed: already reported', kind: 'closed' },
];

export interface RoutingDefault {
  category: string;
  context: string;
  team: string;
  delivery: 'queue' | 'email';
  email?: string;
}

const byCategory = (
  codes: string[],
  teams: string[],
  delivery: 'queue' | 'email' = 'queue',
): RoutingDefault[] =>
  codes.flatMap((category) => teams.map((team) => ({ category, context: '*', team, delivery })));

/** The City's service map (see resolve.ts for how rows combine). */
export const DEFAULT_ROUTING: RoutingDefault[] = [
  ...byCategory(['noise-residential', 'noise-commercial', 'noise-construction', 'noise-street'], ['PP']),
  ...byCategory(['graffiti', 'fly-posting', 'litter-fly-tipping', 'public-urination'], ['CO']),
  ...byCategory(['aggressive-begging', 'street-drinking', 'drug-use'], ['COLP-LP', 'CCS']),
  ...byCategory(['rough-sleeping'], ['CCS']),
  {
    category: 'rough-sleeping',
    context: '*',
    team: 'OUTREACH',
    delivery: 'email',
    email: 'outreach@partner.example',
  },
  ...byCategory(['licensed-premises'], ['PP', 'COLP-LIC']),
  ...byCategory(['harassment'], ['COLP-LP', 'CCS']),
  ...byCategory(['vehicle-nuisance'], ['COLP-LP']),
  ...byCategory(['cycling-walkways', 'walkway-bylaw'], ['CO', 'COLP-LP']),
  // Context rows: on the Barbican Estate the estate office takes it; licensed premises bring police licensing in.
  { category: '*', context: 'barbican-estate', team: 'BE', delivery: 'queue' },
  { category: 'noise-residential', context: 'barbican-estate', team: 'BE', delivery: 'queue' },
  { category: '*', context: 'licensed-premises', team: 'COLP-LIC', delivery: 'queue' },
  { category: 'noise-residential', context: 'housing-estate', team: 'CCS', delivery: 'queue' },
  // The hate flag on any report.
  { category: 'hate-incident', context: '*', team: 'COLP-LP', delivery: 'queue' },
  { category: 'hate-incident', context: '*', team: 'CCS', delivery: 'queue' },
  // Nothing else matched.
  { category: '*', context: '*', team: 'CCS', delivery: 'queue' },
];

/** The pseudo-category code routing rows use for the hate flag. */
export const HATE_CATEGORY = 'hate-incident';
export const ANY = '*';
