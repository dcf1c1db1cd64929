/**
 * Validation of an application, one question page at a time (the public journey) or all at once
 * (staff entering an application made by phone, letter or in person). GOV.UK error wording; every
 * error is keyed by the id of the input it belongs to.
 */
import { z } from 'zod';
import { isPossiblePhoneNumber } from 'libphonenumber-js';
import { isValid as isPostcode, toNormalised } from 'postcode';
import type { IsoDate } from '../platform/dates/calendar-date.js';
import { asList } from '../platform/web/forms.js';
import { readDate, readMonth } from './form-dates.js';
import {
  AGENCIES,
  AGENCY_CODES,
  AGENCY_SHORT,
  APPLICANT_KINDS,
  CHANNELS,
  CONTACT_METHODS,
  SUPPORT_NEEDS,
  VICTIM_TYPES,
  type AgencyCode,
  type ApplicantKind,
  type Channel,
  type ContactMethod,
  type SupportNeed,
  type VictimType,
} from './labels.js';

export const DESCRIPTION_MAX = 5000;
const NAME_MAX = 120;

export interface Checked<T> {
  ok: boolean;
  value: T | null;
  errors: Record<string, string>;
}

type Body = Record<string, unknown>;

const str = (b: Body, k: string): string => (typeof b[k] === 'string' ? (b[k] as string).trim() : '');
const opt = (b: Body, k: string): string | null => str(b, k) || null;

const emailOk = (v: string) => z.email().safeParse(v).success;
export const EMAIL_MESSAGE = 'Enter an email address in the correct format, like name@example.com';
export const PHONE_MESSAGE =
  'Enter a telephone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192';
export const POSTCODE_MESSAGE = 'Enter a real postcode, like EC2V 7HH';

function result<T>(errors: Record<string, string>, value: () => T): Checked<T> {
  return Object.keys(errors).length
    ? { ok: false, value: null, errors }
    : { ok: true, value: value(), errors };
}

function lengthCheck(errors: Record<string, string>, b: Body, k: string, what: string, max: number) {
  if (str(b, k).length > max)
    errors[k] = `${what} must be ${max.toLocaleString('en-GB')} characters or fewer`;
}

function contactChecks(errors: Record<string, string>, b: Body, prefix: string, who: 'your' | 'their') {
  const email = str(b, `${prefix}Email`);
  const phone = str(b, `${prefix}Phone`);
  const postcode = str(b, `${prefix}Postcode`);
  if (email && !emailOk(email)) errors[`${prefix}Email`] = EMAIL_MESSAGE;
  if (phone && !isPossiblePhoneNumber(phone, 'GB')) errors[`${prefix}Phone`] = PHONE_MESSAGE;
  if (postcode && !isPostcode(postcode)) errors[`${prefix}Postcode`] = POSTCODE_MESSAGE;
  lengthCheck(errors, b, `${prefix}Address`, `${who === 'your' ? 'Your' : 'Their'} address`, 500);
}

const normalisedPostcode = (v: string | null) => (v ? (toNormalised(v) ?? v.toUpperCase()) : null);

// ---------------------------------------------------------------- who, and who is affected

export function checkWho(b: Body): Checked<ApplicantKind> {
  const v = str(b, 'applicantKind');
  return v in APPLICANT_KINDS
    ? { ok: true, value: v as ApplicantKind, errors: {} }
    : {
        ok: false,
        value: null,
        errors: { applicantKind: 'Select whether you are the victim or applying for someone else' },
      };
}

export function checkVictimType(b: Body): Checked<VictimType> {
  const v = str(b, 'victimType');
  return v in VICTIM_TYPES
    ? { ok: true, value: v as VictimType, errors: {} }
    : {
        ok: false,
        value: null,
        errors: { victimType: 'Select who is affected by the anti-social behaviour' },
      };
}

export interface VictimAnswers {
  name: string;
  organisation: string | null;
  address: string | null;
  postcode: string | null;
  email: string | null;
  phone: string | null;
}

/** The victim: for their own application just their name (and organisation); on someone's behalf, how to reach them too. */
export function checkVictim(b: Body, kind: ApplicantKind, type: VictimType): Checked<VictimAnswers> {
  const errors: Record<string, string> = {};
  const self = kind === 'victim';
  if (type !== 'person' && !str(b, 'victimOrganisation')) {
    errors.victimOrganisation = `Enter the name of the ${type === 'business' ? 'business' : 'community group'}`;
  }
  if (!str(b, 'victimName')) {
    errors.victimName =
      type === 'person'
        ? self
          ? 'Enter your full name'
          : 'Enter the full name of the person affected'
        : self
          ? 'Enter your full name'
          : `Enter the name of a contact at the ${type === 'business' ? 'business' : 'group'}`;
  }
  lengthCheck(errors, b, 'victimName', 'Name', NAME_MAX);
  lengthCheck(errors, b, 'victimOrganisation', 'Name', NAME_MAX);
  if (!self) contactChecks(errors, b, 'victim', 'their');
  return result(errors, () => ({
    name: str(b, 'victimName'),
    organisation: type === 'person' ? null : opt(b, 'victimOrganisation'),
    address: self ? null : opt(b, 'victimAddress'),
    postcode: self ? null : normalisedPostcode(opt(b, 'victimPostcode')),
    email: self ? null : (opt(b, 'victimEmail')?.toLowerCase() ?? null),
    phone: self ? null : opt(b, 'victimPhone'),
  }));
}

// ---------------------------------------------------------------- what has been happening

export interface ProblemAnswers {
  description: string;
  location: string;
  postcode: string | null;
  startedMonth: string | null;
  hateRelated: boolean;
  hateDetails: string | null;
}

export function checkProblem(b: Body, today: IsoDate): Checked<ProblemAnswers> {
  const errors: Record<string, string> = {};
  if (!str(b, 'description')) errors.description = 'Enter what has been happening';
  lengthCheck(errors, b, 'description', 'What has been happening', DESCRIPTION_MAX);
  if (!str(b, 'location')) errors.location = 'Enter where it is happening';
  lengthCheck(errors, b, 'location', 'Where it is happening', 200);
  const pc = str(b, 'locationPostcode');
  if (pc && !isPostcode(pc)) errors.locationPostcode = POSTCODE_MESSAGE;
  const started = readMonth(b, 'started', 'the month it started', { notAfter: today });
  if (started.error) errors.started = started.error;
  const hate = str(b, 'hate');
  if (hate !== 'yes' && hate !== 'no') {
    errors.hate = 'Select yes if you think it is because of who you are, or who the victim is';
  }
  lengthCheck(errors, b, 'hateDetails', 'Details', 1000);
  return result(errors, () => ({
    description: str(b, 'description'),
    location: str(b, 'location'),
    postcode: normalisedPostcode(opt(b, 'locationPostcode')),
    startedMonth: started.value,
    hateRelated: hate === 'yes',
    hateDetails: hate === 'yes' ? opt(b, 'hateDetails') : null,
  }));
}

// ---------------------------------------------------------------- who it was reported to

export interface ReportedAnswer {
  agency: AgencyCode;
  agencyName: string;
  firstReported: string | null;
  lastReported: string | null;
  references: string | null;
}

/**
 * The agencies the problem was reported to, roughly when (month and year) and any reference
 * numbers. Dates in the future, or a first report after the last, are named.
 */
export function checkReported(
  b: Body,
  today: IsoDate,
  startedMonth: string | null,
): Checked<ReportedAnswer[]> {
  const errors: Record<string, string> = {};
  const chosen = asList(b.agencies);
  const none = chosen.includes('none');
  const agencies = chosen.filter((c): c is AgencyCode => (AGENCY_CODES as string[]).includes(c));
  if (!chosen.length)
    errors.agencies = 'Select who you have reported it to, or select that you have not reported it';
  else if (none && agencies.length)
    errors.agencies = 'Select who you have reported it to, or select that you have not reported it, not both';
  const answers: ReportedAnswer[] = [];
  for (const code of none ? [] : agencies) {
    const label =
      code === 'other'
        ? str(b, 'otherName') || 'the other organisation'
        : code === 'housing'
          ? 'the housing provider'
          : AGENCY_SHORT[code];
    if (code === 'other' && !str(b, 'otherName'))
      errors.otherName = 'Enter the name of the other organisation';
    const first = readMonth(b, `${code}First`, `the date you first reported it to ${label}`, {
      notAfter: today,
    });
    const last = readMonth(b, `${code}Last`, `the date you last reported it to ${label}`, {
      notAfter: today,
    });
    if (first.error) errors[`${code}First`] = first.error;
    if (last.error) errors[`${code}Last`] = last.error;
    if (first.value && last.value && first.value > last.value) {
      errors[`${code}Last`] =
        `The date you last reported it to ${label} must be the same as or after the date you first reported it`;
    }
    if (first.value && startedMonth && first.value < startedMonth) {
      errors[`${code}First`] =
        `The date you first reported it to ${label} must be the same as or after the month the problem started`;
    }
    lengthCheck(errors, b, `${code}References`, 'Reference numbers', 300);
    answers.push({
      agency: code,
      agencyName: code === 'other' ? str(b, 'otherName') : AGENCIES[code],
      firstReported: first.value,
      lastReported: last.value,
      references: opt(b, `${code}References`),
    });
  }
  return result(errors, () => answers);
}

// ---------------------------------------------------------------- contact and support

export interface ContactAnswers {
  applicant: { name: string; relationship: string; organisation: string | null } | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  postcode: string | null;
  method: ContactMethod;
  supportNeeds: SupportNeed[];
  supportDetails: string | null;
}

export function checkContact(b: Body, kind: ApplicantKind): Checked<ContactAnswers> {
  const errors: Record<string, string> = {};
  const onBehalf = kind === 'on-behalf';
  if (onBehalf) {
    if (!str(b, 'applicantName')) errors.applicantName = 'Enter your full name';
    if (!str(b, 'relationship'))
      errors.relationship = 'Enter how you know the victim, for example their support worker or son';
    lengthCheck(errors, b, 'applicantName', 'Your name', NAME_MAX);
    lengthCheck(errors, b, 'relationship', 'How you know the victim', 200);
  }
  contactChecks(errors, b, 'contact', 'your');
  const method = str(b, 'contactMethod');
  if (!(method in CONTACT_METHODS)) errors.contactMethod = 'Select how we should contact you';
  else if (method === 'email' && !str(b, 'contactEmail') && !errors.contactEmail) {
    errors.contactEmail = 'Enter your email address, or choose another way for us to contact you';
  } else if (method === 'phone' && !str(b, 'contactPhone') && !errors.contactPhone) {
    errors.contactPhone = 'Enter your telephone number, or choose another way for us to contact you';
  } else if (method === 'letter' && !str(b, 'contactAddress')) {
    errors.contactAddress = 'Enter your postal address, or choose another way for us to contact you';
  }
  const needs = asList(b.supportNeeds).filter((n): n is SupportNeed => n in SUPPORT_NEEDS);
  if ((needs.includes('other') || needs.includes('interpreter')) && !str(b, 'supportDetails')) {
    errors.supportDetails = needs.includes('interpreter')
      ? 'Enter the language you need, and anything else that would help'
      : 'Enter the support you need';
  }
  lengthCheck(errors, b, 'supportDetails', 'Support details', 1000);
  return result(errors, () => ({
    applicant: onBehalf
      ? {
          name: str(b, 'applicantName'),
          relationship: str(b, 'relationship'),
          organisation: opt(b, 'applicantOrganisation'),
        }
      : null,
    email: opt(b, 'contactEmail')?.toLowerCase() ?? null,
    phone: opt(b, 'contactPhone'),
    address: opt(b, 'contactAddress'),
    postcode: normalisedPostcode(opt(b, 'contactPostcode')),
    method: method as ContactMethod,
    supportNeeds: needs,
    supportDetails: opt(b, 'supportDetails'),
  }));
}

// ---------------------------------------------------------------- the whole application

export interface ConsentInput {
  method: 'uploaded' | 'recorded';
  on: IsoDate;
  note: string | null;
  /** An uploaded file waiting to be attached (see consent-files.ts). */
  file?: import('./consent-files.js').PendingFile;
}

export interface ApplicationInput {
  channel: Channel;
  receivedOn: IsoDate;
  applicantKind: ApplicantKind;
  victimType: VictimType;
  victim: VictimAnswers;
  problem: ProblemAnswers;
  reported: ReportedAnswer[];
  contact: ContactAnswers;
  consent: ConsentInput | null;
}

/** Staff entry: every question on one page, plus how and when it came in, and consent if on someone's behalf. */
export function checkStaffApplication(b: Body, today: IsoDate): Checked<ApplicationInput> {
  const errors: Record<string, string> = {};
  const channel = str(b, 'channel');
  if (!(channel in CHANNELS) || channel === 'online') errors.channel = 'Select how the application was made';
  const received = readDate(b, 'receivedOn', 'the date the application was received', {
    required: true,
    notAfter: today,
  });
  if (received.error) errors.receivedOn = received.error;
  const who = checkWho(b);
  const type = checkVictimType(b);
  Object.assign(errors, who.errors, type.errors);
  const victim = who.ok && type.ok ? checkVictim(b, who.value!, type.value!) : null;
  const problem = checkProblem(b, today);
  const reported = checkReported(b, today, problem.value?.startedMonth ?? null);
  const contact = who.ok ? checkContact(b, who.value!) : null;
  Object.assign(errors, victim?.errors, problem.errors, reported.errors, contact?.errors);
  let consent: ConsentInput | null = null;
  if (who.value === 'on-behalf') {
    const given = str(b, 'consent');
    if (given !== 'recorded' && given !== 'not-yet')
      errors.consent = 'Select whether the victim’s written consent has been received';
    if (given === 'recorded') {
      const on = readDate(b, 'consentOn', 'the date consent was received', {
        required: true,
        notAfter: today,
      });
      if (on.error) errors.consentOn = on.error;
      else if (received.value && on.value! > received.value) {
        // consent may arrive before or with the application, not later: later consent is recorded on the application page
        errors.consentOn =
          'The date consent was received must be the same as or before the date the application was received. Record consent that arrives later on the application’s page';
      }
      if (!str(b, 'consentNote'))
        errors.consentNote = 'Enter how the consent was given, for example a signed letter';
      consent = on.value ? { method: 'recorded', on: on.value, note: opt(b, 'consentNote') } : null;
    }
  }
  return result(errors, () => ({
    channel: channel as Channel,
    receivedOn: received.value!,
    applicantKind: who.value!,
    victimType: type.value!,
    victim: victim!.value!,
    problem: problem.value!,
    reported: reported.value!,
    contact: contact!.value!,
    consent,
  }));
}
