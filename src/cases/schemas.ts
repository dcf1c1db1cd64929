/** Form schemas for the cases pages, with GOV.UK-worded messages. */
import { z } from 'zod';
import { asList } from '../platform/web/forms.js';
import {
  CASE_TYPES,
  PARTY_ROLES,
  ACTION_STATUSES,
  RAG,
  CONTACT_CHANNELS,
  DOCUMENT_CATEGORIES,
} from './labels.js';
import { CLOSURE_REASONS, NOT_INFORMED_REASONS } from './rules/workflow.js';
import { optionalDate, requiredDate } from './form-dates.js';
import { POWER_KEYS } from './rules/powers-ladder.js';
import { FREQUENCIES } from './rules/victim-contact.js';

const keys = <T extends Record<string, unknown>>(o: T) =>
  Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];
const text = (message: string, max = 2000) =>
  z.string({ error: message }).trim().min(1, message).max(max, `Enter no more than ${max} characters`);
const optionalText = (max = 2000) =>
  z
    .string()
    .trim()
    .max(max, `Enter no more than ${max} characters`)
    .optional()
    .transform((v) => (v ? v : null));
const yesNo = (message: string) => z.enum(['yes', 'no'], { error: message });

export const openCaseSchema = z.object({
  title: text('Enter a short title for the case', 200),
  caseType: z.enum(keys(CASE_TYPES), { error: 'Choose the type of case' }),
  summary: text('Enter a summary of the problem', 5000),
  leadTeamId: text('Choose the lead team'),
  spocUserId: optionalText(100),
  location: optionalText(300),
  openedOn: requiredDate('the date the case was opened'),
  reportIds: z.preprocess((v) => v ?? [], z.unknown()).transform(asList),
  reportReferences: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? '')
        .split(/[\s,;]+/)
        .map((s) => s.trim().toUpperCase())
        .filter(Boolean),
    ),
  addReporters: z.preprocess((v) => v ?? [], z.unknown()).transform((v) => asList(v).includes('yes')),
});
export type OpenCaseForm = z.output<typeof openCaseSchema>;

export const caseDetailsSchema = z.object({
  title: text('Enter a short title for the case', 200),
  caseType: z.enum(keys(CASE_TYPES), { error: 'Choose the type of case' }),
  summary: text('Enter a summary of the problem', 5000),
  leadTeamId: text('Choose the lead team'),
  spocUserId: optionalText(100),
  location: optionalText(300),
});
export type CaseDetailsForm = z.output<typeof caseDetailsSchema>;

export const addTeamSchema = z.object({ teamId: text('Choose a team') });
export const linkReportSchema = z.object({ reference: text('Enter the report reference', 40) });

export const partySchema = z
  .object({
    role: z.enum(keys(PARTY_ROLES), { error: 'Choose the person’s role in the case' }),
    givenName: optionalText(100),
    surname: optionalText(100),
    dob: optionalDate('the date of birth'),
    phone: optionalText(40),
    email: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v : null))
      .refine((v) => v === null || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), {
        message: 'Enter an email address in the correct format, like name@example.com',
      }),
    address: optionalText(300),
    postcode: optionalText(10),
    healthNotes: optionalText(2000),
  })
  .superRefine((v, ctx) => {
    if (!v.givenName && !v.surname)
      ctx.addIssue({
        code: 'custom',
        path: ['givenName'],
        message: 'Enter the person’s first name or last name',
      });
  });
export type PartyForm = z.output<typeof partySchema>;

export const preferencesSchema = z.object({
  contactFrequency: z
    .string()
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || v in FREQUENCIES, { message: 'Choose how often to contact the person' }),
  preferredChannel: z
    .string()
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || v in CONTACT_CHANNELS, {
      message: 'Choose how the person prefers to be contacted',
    }),
  consentToShare: z.enum(['yes', 'no', 'not-asked'], {
    error: 'Say whether the person consents to information being shared',
  }),
  consentRecordedOn: optionalDate('the date consent was recorded'),
  sharingPreferences: optionalText(1000),
});
export type PreferencesForm = z.output<typeof preferencesSchema>;

export const placeSchema = z.object({
  kind: z.enum(['place', 'premises'], { error: 'Choose whether this is a place or premises' }),
  label: text('Enter the name of the place or premises', 200),
  address: optionalText(300),
  postcode: optionalText(10),
  uprn: optionalText(20),
});
export type PlaceForm = z.output<typeof placeSchema>;

export const closeSchema = z.object({
  on: requiredDate('the date the case closed'),
  reason: z.enum(keys(CLOSURE_REASONS), { error: 'Choose why the case is closing' }),
  detail: text('Explain the closure in a sentence the victim would understand'),
  tellVictim: z.enum(['send-letter', 'already-told', 'not-informed'], {
    error: 'Say how the victim is told the case is closing',
  }),
  victimInformedOn: optionalDate('the date the victim was told'),
  victimInformedHow: optionalText(200),
  victimNotInformedReason: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || v in NOT_INFORMED_REASONS, {
      message: 'Choose why the victim cannot be told',
    }),
});
export type CloseForm = z.output<typeof closeSchema>;

export const noteTransitionSchema = z.object({
  on: requiredDate('the date'),
  note: optionalText(2000),
});
export const reopenSchema = z.object({
  on: requiredDate('the date the case reopened'),
  reason: text('Say why the case is reopening'),
});

export const actionSchema = z.object({
  title: text('Enter what needs to be done', 300),
  detail: optionalText(2000),
  owner: text('Choose who owns the action'),
  dueOn: requiredDate('the date the action is due'),
  rag: z.enum(keys(RAG), { error: 'Choose a Red, Amber or Green status' }),
});
export type ActionForm = z.output<typeof actionSchema>;

export const actionUpdateSchema = z.object({
  status: z.enum(keys(ACTION_STATUSES), { error: 'Choose the action’s status' }),
  rag: z.enum(keys(RAG), { error: 'Choose a Red, Amber or Green status' }),
  dueOn: requiredDate('the date the action is due'),
  owner: text('Choose who owns the action'),
});
export type ActionUpdateForm = z.output<typeof actionUpdateSchema>;

export const contactSchema = z.object({
  partyId: text('Choose who was contacted'),
  contactedOn: requiredDate('the date of the contact'),
  channel: z.enum(keys(CONTACT_CHANNELS), { error: 'Choose how the contact was made' }),
  direction: z.enum(['outbound', 'inbound'], { error: 'Say who made the contact' }),
  successful: yesNo('Say whether you spoke to the person'),
  summary: text('Enter a summary of the contact', 5000),
});
export type ContactForm = z.output<typeof contactSchema>;

export const shareSchema = z.object({
  agencyId: text('Choose the agency to share the case with'),
  reason: text('Enter the reason for sharing, and the agreement or lawful basis it rests on', 1000).refine(
    (v) => v.length >= 10,
    {
      message: 'Enter a reason for sharing of at least 10 characters',
    },
  ),
  includeSensitive: yesNo('Say whether to share sensitive details'),
});
export type ShareForm = z.output<typeof shareSchema>;

export const maracReferralSchema = z.object({
  partyId: text('Choose the victim being referred'),
  reason: text('Enter why the case needs the Community MARAC', 5000),
  actionsSoFar: text('Enter what has been done so far', 5000),
  safetyConcerns: optionalText(5000),
  victimAware: yesNo('Say whether the victim knows about the referral'),
});
export type MaracReferralForm = z.output<typeof maracReferralSchema>;

export const referralDecisionSchema = z
  .object({
    decision: z.enum(['accept', 'return'], { error: 'Choose whether to accept or return the referral' }),
    note: optionalText(2000),
  })
  .superRefine((v, ctx) => {
    if (v.decision === 'return' && !v.note)
      ctx.addIssue({ code: 'custom', path: ['note'], message: 'Say what more information is needed' });
  });

export const documentSchema = z.object({
  category: z.enum(keys(DOCUMENT_CATEGORIES), { error: 'Choose what kind of document this is' }),
  description: optionalText(500),
});

const optionalNumber = (message: string, min = 0) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? Number(v) : null))
    .refine((v) => v === null || (Number.isFinite(v) && v >= min), { message });
const optionalYesNo = z
  .string()
  .optional()
  .transform((v) => (v === 'yes' ? true : v === 'no' ? false : null));
const checked = z.preprocess((v) => v ?? [], z.unknown()).transform((v) => asList(v).includes('yes'));

export const ladderStepSchema = z.object({
  subject: text('Choose who or what the step is about'),
  power: z.enum(POWER_KEYS, { error: 'Choose the step or power' }),
  issuedOn: requiredDate('the date it was issued'),
  expiresOn: optionalDate('the expiry date'),
  reviewOn: optionalDate('the review date'),
  durationHours: optionalNumber('Enter the length in hours as a number, like 48', 1),
  indefinite: checked,
  extended: checked,
  conditions: optionalText(5000),
  penaltyAmount: optionalNumber('Enter the fixed penalty in pounds as a number, like 100'),
  riskAssessmentDone: optionalYesNo,
  convictionRecorded: optionalYesNo,
  notes: optionalText(2000),
  acknowledgeWarnings: checked,
  /** Why a step a ladder check refuses (e.g. enforcement with no support offered) is recorded anyway. */
  overrideReason: optionalText(1000),
});
export type LadderStepForm = Omit<z.output<typeof ladderStepSchema>, 'overrideReason'> & {
  overrideReason?: string | null;
};

export const breachSchema = z.object({
  breachedOn: requiredDate('the date of the breach'),
  description: text('Describe the breach', 2000),
  response: optionalText(2000),
});
export type BreachForm = z.output<typeof breachSchema>;

export const STEP_OUTCOMES = {
  complied: 'Complied with',
  discharged: 'Discharged or revoked',
  withdrawn: 'Withdrawn',
  escalated: 'Escalated to a higher step',
  prosecuted: 'Breach prosecuted',
  'penalty-paid': 'Fixed penalty paid',
  expired: 'Expired',
} as const;

export const stepOutcomeSchema = z.object({
  outcome: z.enum(keys(STEP_OUTCOMES), { error: 'Choose the outcome' }),
  outcomeOn: requiredDate('the date of the outcome'),
  note: optionalText(2000),
});
export type StepOutcomeForm = z.output<typeof stepOutcomeSchema>;
