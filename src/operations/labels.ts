/** The lists the street operations forms offer, with their labels. */
export const SEEN = {
  'sleeping-rough': 'Sleeping rough or bedded down',
  begging: 'Begging',
  'street-drinking': 'Street drinking',
  'drug-use': 'Drug use',
  other: 'Other street activity',
} as const;

export const NEEDS = {
  accommodation: 'Accommodation',
  'physical-health': 'Physical health',
  'mental-health': 'Mental health',
  'substance-use': 'Drugs or alcohol',
  money: 'Money or benefits',
  food: 'Food or clothing',
  identity: 'Identity documents',
  immigration: 'Immigration advice',
} as const;

export const SUPPORT = {
  'emergency-bed': 'Emergency bed or shelter',
  'hub-place': 'A place at the intervention hub',
  'gp-registration': 'Help to register with a GP',
  'treatment-referral': 'Drug or alcohol treatment',
  'benefits-help': 'Help with benefits',
  reconnection: 'Reconnection to a home area',
  'food-clothing': 'Food, clothing or a sleeping bag',
} as const;

export const SIGNPOSTING = {
  housing: 'Housing options',
  health: 'Health services',
  'substance-use': 'Substance use services',
  benefits: 'Benefits advice',
  hub: 'The intervention hub',
} as const;

/** Modern slavery and exploitation indicators (after the Home Office statutory guidance). */
export const SLAVERY_INDICATORS = {
  controlled: 'Appears to be controlled, or is dropped off and collected',
  'no-documents': 'Has no identity documents, or someone else holds them',
  'owes-debt': 'Talks of a debt they must pay off',
  'hands-over-money': 'Hands over the money they beg or earn',
  'fear-of-authorities': 'Fearful of police or officials',
  'poor-condition': 'Injuries, malnourishment or neglect',
  'scripted-story': 'A story that seems scripted or coached',
  'moved-around': 'Moved between places by others',
} as const;

export const HUB_OUTCOMES = {
  'accommodation-found': 'Accommodation found',
  'health-appointment': 'Health appointment made',
  'treatment-started': 'Treatment started',
  'benefits-claim': 'Benefits claim made',
  'id-obtained': 'Identity documents obtained',
  'no-outcome': 'No outcome yet',
} as const;

export const NRM_KINDS = {
  nrm: 'National Referral Mechanism referral',
  'duty-to-notify': 'Duty to Notify (adult who did not consent to a referral)',
} as const;

export const GROUNDS = {
  awaited: 'Awaited',
  positive: 'Positive',
  negative: 'Negative',
  'not-applicable': 'Not applicable',
} as const;

export const CHANNELS = {
  'social-media': 'Social media',
  posters: 'Posters and leaflets',
  'digital-screens': 'Digital screens',
  press: 'Press',
  newsletter: 'Newsletter or email',
  events: 'Events and stalls',
} as const;

export type LabelMap = Record<string, string>;

export const itemsOf = (o: LabelMap) => Object.entries(o).map(([value, text]) => ({ value, text }));

export const labelsOf = (o: LabelMap, codes: readonly string[]) => codes.map((c) => o[c] ?? c);
