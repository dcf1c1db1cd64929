/** Words for codes, shared by pages, letters and the CSV. */
import { caseReviewWorkflow, type CaseReviewStatus } from './rules/workflow.js';

export const CHANNELS = {
  online: 'Online',
  phone: 'By telephone',
  letter: 'By letter or email',
  'in-person': 'In person',
} as const;
export type Channel = keyof typeof CHANNELS;

export const APPLICANT_KINDS = {
  victim: 'The victim',
  'on-behalf': 'Someone on the victim’s behalf',
} as const;
export type ApplicantKind = keyof typeof APPLICANT_KINDS;

export const VICTIM_TYPES = {
  person: 'A person',
  business: 'A business',
  'community-group': 'A community group',
} as const;
export type VictimType = keyof typeof VICTIM_TYPES;

export const AGENCIES = {
  police: 'The police',
  council: 'The council (City of London Corporation)',
  housing: 'A housing provider or landlord',
  other: 'Another organisation',
} as const;
export type AgencyCode = keyof typeof AGENCIES;
export const AGENCY_CODES = Object.keys(AGENCIES) as AgencyCode[];
/** How an agency reads after "reported to" when the applicant did not name it. */
export const AGENCY_SHORT: Record<AgencyCode, string> = {
  police: 'the police',
  council: 'the council',
  housing: 'a housing provider',
  other: 'another organisation',
};

export const CONTACT_METHODS = { email: 'By email', phone: 'By telephone', letter: 'By letter' } as const;
export type ContactMethod = keyof typeof CONTACT_METHODS;

export const SUPPORT_NEEDS = {
  interpreter: 'An interpreter or translated letters',
  bsl: 'A British Sign Language interpreter',
  'easy-read': 'Easy read or large print letters',
  'reading-writing': 'Help with reading or writing',
  'accessible-venue': 'An accessible meeting place',
  supporter: 'Someone to come to meetings with me',
  other: 'Something else',
} as const;
export type SupportNeed = keyof typeof SUPPORT_NEEDS;

export const PARTICIPATION = {
  attend: 'Will attend the panel',
  statement: 'Will send an impact statement',
  declined: 'Does not want to take part',
  'no-response': 'Has not replied',
} as const;
export type Participation = keyof typeof PARTICIPATION;

export const RECOMMENDATION_STATUS = {
  open: 'In progress',
  done: 'Done',
  dropped: 'Not going ahead',
} as const;
export type RecommendationStatus = keyof typeof RECOMMENDATION_STATUS;

export const CLOSURES = {
  'threshold-not-met': 'Threshold not met',
  'outcome-sent': 'Review completed',
  'appeal-decided': 'Appeal decided',
  withdrawn: 'Withdrawn',
} as const;

export const STATUS_LABELS: Record<CaseReviewStatus, string> = {
  received: 'Received',
  'awaiting-consent': 'Awaiting consent',
  acknowledged: 'Acknowledged',
  'panel-pending': 'Panel to arrange',
  'panel-convened': 'Panel arranged',
  'recommendations-made': 'Review held',
  'outcome-sent': 'Outcome sent',
  'appeal-requested': 'Appeal',
  'appeal-decided': 'Appeal decided',
  closed: 'Closed',
};

export const STATUS_CLASSES: Record<CaseReviewStatus, string> = {
  received: 'govuk-tag--blue',
  'awaiting-consent': 'govuk-tag--yellow',
  acknowledged: 'govuk-tag--light-blue',
  'panel-pending': 'govuk-tag--purple',
  'panel-convened': 'govuk-tag--purple',
  'recommendations-made': 'govuk-tag--turquoise',
  'outcome-sent': 'govuk-tag--green',
  'appeal-requested': 'govuk-tag--orange',
  'appeal-decided': 'govuk-tag--orange',
  closed: 'govuk-tag--grey',
};

export const DEADLINE_CLASSES: Record<string, string> = {
  overdue: 'govuk-tag--red',
  'due-today': 'govuk-tag--orange',
  'due-soon': 'govuk-tag--yellow',
  due: 'govuk-tag--grey',
  lapsed: 'govuk-tag--grey',
  done: 'govuk-tag--green',
  'done-late': 'govuk-tag--pink',
};

export const DEADLINE_WORDS: Record<string, string> = {
  overdue: 'Overdue',
  'due-today': 'Due today',
  'due-soon': 'Due soon',
  due: 'Due',
  lapsed: 'Lapsed',
  done: 'Done',
  'done-late': 'Done late',
};

export const ACTION_LABELS = Object.fromEntries(
  Object.entries(caseReviewWorkflow.actions).map(([k, v]) => [k, v.label]),
) as Record<string, string>;

export const itemsOf = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, text]) => ({ value, text }));

export const VIEW_LABELS = {
  channels: CHANNELS,
  applicantKinds: APPLICANT_KINDS,
  victimTypes: VICTIM_TYPES,
  agencies: AGENCIES,
  contactMethods: CONTACT_METHODS,
  supportNeeds: SUPPORT_NEEDS,
  participation: PARTICIPATION,
  recommendationStatus: RECOMMENDATION_STATUS,
  closures: CLOSURES,
  status: STATUS_LABELS,
  statusClasses: STATUS_CLASSES,
  deadlineClasses: DEADLINE_CLASSES,
  deadlineWords: DEADLINE_WORDS,
  actions: ACTION_LABELS,
};
