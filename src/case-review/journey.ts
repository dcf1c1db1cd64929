/** The public application journey's answers, kept in the session, and which page comes next. */
import type { IsoDate } from '../platform/dates/calendar-date.js';
import type { PendingFile } from './consent-files.js';
import type { ApplicantKind, VictimType } from './labels.js';
import type {
  ApplicationInput,
  ContactAnswers,
  ProblemAnswers,
  ReportedAnswer,
  VictimAnswers,
} from './schemas.js';

export const STEPS = ['who', 'victim-type', 'victim', 'consent', 'what', 'reported', 'contact'] as const;
export type Step = (typeof STEPS)[number];

export interface ApplyAnswers {
  applicantKind?: ApplicantKind;
  victimType?: VictimType;
  victim?: VictimAnswers;
  consent?: { method: 'uploaded' | 'later'; file?: PendingFile };
  problem?: ProblemAnswers;
  reported?: ReportedAnswer[];
  contact?: ContactAnswers;
  /** What was typed on each page, to show again. */
  typed?: Partial<Record<Step, Record<string, unknown>>>;
}

export const stepUrl = (step: Step | 'check') =>
  step === 'who' ? '/case-review/apply' : `/case-review/apply/${step}`;

function done(a: ApplyAnswers, step: Step): boolean {
  switch (step) {
    case 'who':
      return !!a.applicantKind;
    case 'victim-type':
      return !!a.victimType;
    case 'victim':
      return !!a.victim;
    case 'consent':
      return a.applicantKind !== 'on-behalf' || !!a.consent;
    case 'what':
      return !!a.problem;
    case 'reported':
      return !!a.reported;
    case 'contact':
      return !!a.contact;
  }
}

export function firstMissing(a: ApplyAnswers): Step | null {
  return STEPS.find((s) => !done(a, s)) ?? null;
}

/** A page can be shown once every page before it is answered. */
export function canVisit(a: ApplyAnswers, step: Step): boolean {
  return STEPS.slice(0, STEPS.indexOf(step)).every((s) => done(a, s));
}

export function nextUrl(a: ApplyAnswers, from: Step, changing: boolean): string {
  const missing = firstMissing(a);
  if (changing) return missing ? stepUrl(missing) : '/case-review/apply/check';
  const after = STEPS.slice(STEPS.indexOf(from) + 1).find(
    (s) => !(s === 'consent' && a.applicantKind !== 'on-behalf'),
  );
  return after ? stepUrl(after) : '/case-review/apply/check';
}

export function backUrl(a: ApplyAnswers, step: Step | 'check'): string {
  if (step === 'who') return '/case-review';
  const before = step === 'check' ? [...STEPS] : STEPS.slice(0, STEPS.indexOf(step));
  const prev = before.reverse().find((s) => !(s === 'consent' && a.applicantKind !== 'on-behalf'));
  return prev ? stepUrl(prev) : '/case-review';
}

/** Changing who is applying, or who is affected, asks the questions that depend on it again. */
export function resetDependents(a: ApplyAnswers, changed: 'who' | 'victim-type'): void {
  delete a.victim;
  if (a.typed) delete a.typed.victim;
  if (changed === 'who') {
    delete a.contact;
    if (a.typed) delete a.typed.contact;
    if (a.applicantKind !== 'on-behalf') delete a.consent;
  }
}

export function toApplication(a: ApplyAnswers, receivedOn: IsoDate): ApplicationInput {
  if (firstMissing(a)) throw new Error(`The application is not complete: ${firstMissing(a)}`);
  return {
    channel: 'online',
    receivedOn,
    applicantKind: a.applicantKind!,
    victimType: a.victimType!,
    victim: a.victim!,
    problem: a.problem!,
    reported: a.reported!,
    contact: a.contact!,
    consent:
      a.applicantKind === 'on-behalf' && a.consent?.method === 'uploaded' && a.consent.file
        ? {
            method: 'uploaded',
            on: receivedOn,
            note: 'Signed consent uploaded with the online application',
            file: a.consent.file,
          }
        : null,
  };
}
