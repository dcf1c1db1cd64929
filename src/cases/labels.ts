/** The words shown for the cases module's codes. */
export const CASE_TYPES = {
  personal: 'Personal',
  nuisance: 'Nuisance',
  environmental: 'Environmental',
  hate: 'Hate incident or crime',
  housing: 'Housing-related',
} as const;
export type CaseType = keyof typeof CASE_TYPES;

export const PARTY_ROLES = {
  victim: 'Victim',
  complainant: 'Complainant',
  witness: 'Witness',
  perpetrator: 'Perpetrator or subject',
  representative: 'Representative',
} as const;
export type PartyRole = keyof typeof PARTY_ROLES;

export const STATUS_LABELS: Record<string, string> = {
  open: 'Open',
  'in-progress': 'In progress',
  'under-review': 'Under review',
  closed: 'Closed',
};

export const STATUS_TAG_CLASSES: Record<string, string> = {
  open: 'govuk-tag--blue',
  'in-progress': 'govuk-tag--light-blue',
  'under-review': 'govuk-tag--purple',
  closed: 'govuk-tag--grey',
};

export const RISK_LABELS: Record<string, string> = { standard: 'Standard', medium: 'Medium', high: 'High' };
export const RISK_TAG_CLASSES: Record<string, string> = {
  standard: 'govuk-tag--green',
  medium: 'govuk-tag--yellow',
  high: 'govuk-tag--red',
};

export const ACTION_STATUSES = {
  open: 'Not started',
  'in-progress': 'In progress',
  done: 'Done',
  cancelled: 'Cancelled',
} as const;
export type ActionStatus = keyof typeof ACTION_STATUSES;

export const RAG = { red: 'Red', amber: 'Amber', green: 'Green' } as const;
export type Rag = keyof typeof RAG;
export const RAG_TAG_CLASSES: Record<string, string> = {
  red: 'govuk-tag--red',
  amber: 'govuk-tag--orange',
  green: 'govuk-tag--green',
};

export const CONTACT_CHANNELS = {
  phone: 'Phone call',
  visit: 'Home visit',
  'in-person': 'In person elsewhere',
  email: 'Email',
  letter: 'Letter',
  text: 'Text message',
  video: 'Video call',
} as const;
export type ContactChannel = keyof typeof CONTACT_CHANNELS;

export const DOCUMENT_CATEGORIES = {
  statement: 'Statement',
  evidence: 'Evidence (photo, video, diary sheet)',
  letter: 'Letter or notice',
  'court-papers': 'Court papers',
  'risk-assessment': 'Risk assessment',
  other: 'Other',
} as const;
export type DocumentCategory = keyof typeof DOCUMENT_CATEGORIES;

export const REFERRAL_STATUSES: Record<string, string> = {
  submitted: 'Waiting for the coordinator',
  accepted: 'Accepted for the meeting',
  returned: 'Returned for more information',
  withdrawn: 'Withdrawn',
  heard: 'Heard at the meeting',
};

export const FREQUENCY_LABELS = {
  daily: 'Daily',
  weekly: 'Weekly',
  fortnightly: 'Every 2 weeks',
  monthly: 'Monthly',
} as const;
export type Frequency = keyof typeof FREQUENCY_LABELS;
const FREQUENCY_OF: Record<string, Frequency> = {
  '1:day': 'daily',
  '1:week': 'weekly',
  '2:week': 'fortnightly',
  '1:month': 'monthly',
};
/** The named frequency of a stored agreement (every N units), or null. */
export const frequencyOf = (every: number | null, unit: string | null): Frequency | null =>
  every && unit ? (FREQUENCY_OF[`${every}:${unit}`] ?? null) : null;

/** Items for GOV.UK radios and selects from a label map. */
export const itemsOf = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, text]) => ({ value, text }));

/** Every label map, for the templates. */
export const VIEW_LABELS = {
  caseTypes: CASE_TYPES as Record<string, string>,
  partyRoles: PARTY_ROLES as Record<string, string>,
  status: STATUS_LABELS,
  statusClasses: STATUS_TAG_CLASSES,
  risk: RISK_LABELS,
  riskClasses: RISK_TAG_CLASSES,
  actionStatuses: ACTION_STATUSES as Record<string, string>,
  rag: RAG as Record<string, string>,
  ragClasses: RAG_TAG_CLASSES,
  channels: CONTACT_CHANNELS as Record<string, string>,
  documentCategories: DOCUMENT_CATEGORIES as Record<string, string>,
  referralStatuses: REFERRAL_STATUSES,
  frequencies: FREQUENCY_LABELS as Record<string, string>,
};
