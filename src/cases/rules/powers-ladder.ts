/**
 * The tools and powers ladder: informal steps and the powers of the Anti-social Behaviour, Crime
 * and Policing Act 2014 (with the Crime and Policing Act 2026 changes as a setting), their legal
 * limits, checks that warn staff when a recorded step looks outside the law, and where a person
 * (or premises) stands on the ladder and what expires next.
 */
import { z } from 'zod';
import {
  addCalendarMonths,
  addDays,
  daysBetween,
  fullYearsBetween,
  isoDateSchema,
  type IsoDate,
} from '../../platform/dates/calendar-date.js';

export const POWER_KEYS = [
  'warning-letter',
  'acceptable-behaviour-contract',
  'mediation',
  'support-referral',
  'community-protection-warning',
  'community-protection-notice',
  'civil-injunction',
  'criminal-behaviour-order',
  'dispersal-direction',
  'pspo-fixed-penalty',
  'closure-notice',
  'closure-order',
  'luscombe-green',
  'luscombe-amber',
  'csas-penalty',
] as const;
export type PowerKey = (typeof POWER_KEYS)[number];

export type ActVersion = '2014' | '2026';

interface Period {
  months?: number;
  days?: number;
  hours?: number;
}

export interface PowerInfo {
  key: PowerKey;
  name: string;
  short: string;
  statutory: boolean;
  subject: 'person' | 'premises';
  /** 0 informal, 1 warning or on-the-spot, 2 notice, 3 court order, 4 order on conviction. */
  rung: number;
  minAge: number | null;
  /** The legal maximum length, when there is one. */
  maxDuration: Period | null;
  /** Filled in when a step is recorded without its own dates. */
  defaultExpiry: Period | null;
  defaultReview: Period | null;
  /** Highest fixed penalty for a breach, in pounds. */
  fixedPenaltyMax: number | null;
  facts: string[];
  /** Usual next steps up the ladder. */
  escalatesTo: PowerKey[];
}

export const powersSettingsSchema = z.object({
  /** Which law's limits apply: the 2014 Act, or as amended by the Crime and Policing Act 2026. */
  act: z.enum(['2014', '2026']).default('2014'),
  /** Local review periods in days, overriding the defaults, e.g. { "community-protection-notice": 90 }. */
  reviewDays: z.partialRecord(z.enum(POWER_KEYS), z.number().int().min(1).max(1095)).default({}),
});
export type PowersSettings = z.output<typeof powersSettingsSchema>;
export type PowersSettingsInput = z.input<typeof powersSettingsSchema>;

export function powerInfo(key: PowerKey, settingsInput: PowersSettingsInput = {}): PowerInfo {
  const { act, reviewDays } = powersSettingsSchema.parse(settingsInput);
  const is2026 = act === '2026';
  const fpn = is2026 ? 500 : 100;
  const info = catalogue(is2026, fpn)[key];
  const local = reviewDays[key];
  return local ? { ...info, defaultReview: { days: local } } : info;
}

function catalogue(is2026: boolean, fpn: number): Record<PowerKey, PowerInfo> {
  const informal = (
    key: PowerKey,
    name: string,
    facts: string[],
    review: Period,
    expiry: Period | null = null,
  ): PowerInfo => ({
    key,
    name,
    short: name,
    statutory: false,
    subject: 'person',
    rung: 0,
    minAge: null,
    maxDuration: null,
    defaultExpiry: expiry,
    defaultReview: review,
    fixedPenaltyMax: null,
    facts: ['No statute: recorded as a step', ...facts],
    escalatesTo: ['community-protection-warning'],
  });
  return {
    'warning-letter': informal('warning-letter', 'Warning letter', [], { months: 1 }),
    'acceptable-behaviour-contract': informal(
      'acceptable-behaviour-contract',
      'Acceptable Behaviour Contract',
      ['A voluntary written agreement, usually for 6 months'],
      { months: 1 },
      { months: 6 },
    ),
    mediation: informal('mediation', 'Mediation', [], { months: 1 }),
    'support-referral': informal('support-referral', 'Support referral', [], { days: 14 }),
    'community-protection-warning': {
      key: 'community-protection-warning',
      name: 'Community Protection Warning',
      short: 'CPW',
      statutory: true,
      subject: 'person',
      rung: 1,
      minAge: 16,
      maxDuration: null,
      defaultExpiry: null,
      defaultReview: { months: 1 },
      fixedPenaltyMax: null,
      facts: ['2014 Act s.43', 'Age 16 or over', 'Must come before a Community Protection Notice'],
      escalatesTo: ['community-protection-notice'],
    },
    'community-protection-notice': {
      key: 'community-protection-notice',
      name: 'Community Protection Notice',
      short: 'CPN',
      statutory: true,
      subject: 'person',
      rung: 2,
      minAge: 16,
      maxDuration: null,
      defaultExpiry: null,
      defaultReview: { months: 6 },
      fixedPenaltyMax: fpn,
      facts: [
        '2014 Act s.43',
        'Age 16 or over',
        'Needs an earlier written warning (CPW)',
        `Breach: fixed penalty up to £${fpn} or prosecution`,
      ],
      escalatesTo: ['civil-injunction', 'criminal-behaviour-order'],
    },
    'civil-injunction': {
      key: 'civil-injunction',
      name: is2026 ? 'Civil injunction (Respect Order for adults)' : 'Civil injunction',
      short: is2026 ? 'Injunction / Respect Order' : 'Injunction',
      statutory: true,
      subject: 'person',
      rung: 3,
      minAge: 10,
      maxDuration: null,
      defaultExpiry: null,
      defaultReview: { months: 6 },
      fixedPenaltyMax: null,
      facts: [
        is2026 ? '2014 Act Part 1; Respect Orders for adults under the 2026 Act' : '2014 Act Part 1',
        'Age 10 or over',
        'Under 18: a set period of no more than 12 months',
        'A risk assessment before applying',
      ],
      escalatesTo: ['criminal-behaviour-order'],
    },
    'criminal-behaviour-order': {
      key: 'criminal-behaviour-order',
      name: 'Criminal Behaviour Order',
      short: 'CBO',
      statutory: true,
      subject: 'person',
      rung: 4,
      minAge: 10,
      maxDuration: null,
      defaultExpiry: null,
      defaultReview: { months: 12 },
      fixedPenaltyMax: null,
      facts: [
        '2014 Act s.22, made on conviction',
        'Adults: at least 2 years, or indefinite',
        'Under 18: 1 to 3 years, reviewed every 12 months',
      ],
      escalatesTo: [],
    },
    'dispersal-direction': {
      key: 'dispersal-direction',
      name: 'Dispersal direction',
      short: 'Dispersal',
      statutory: true,
      subject: 'person',
      rung: 1,
      minAge: 10,
      maxDuration: { hours: is2026 ? 72 : 48 },
      defaultExpiry: { hours: is2026 ? 72 : 48 },
      defaultReview: null,
      fixedPenaltyMax: null,
      facts: [
        '2014 Act s.35, authorised by an inspector',
        `Up to ${is2026 ? 72 : 48} hours${is2026 ? ' (2026 Act)' : ''}`,
      ],
      escalatesTo: ['community-protection-warning'],
    },
    'pspo-fixed-penalty': {
      key: 'pspo-fixed-penalty',
      name: 'Public Spaces Protection Order fixed penalty',
      short: 'PSPO FPN',
      statutory: true,
      subject: 'person',
      rung: 1,
      minAge: 10,
      maxDuration: null,
      defaultExpiry: null,
      defaultReview: { days: 14 },
      fixedPenaltyMax: fpn,
      facts: ['2014 Act s.68', `Fixed penalty up to £${fpn}`, 'PSPOs last up to 3 years, renewable'],
      escalatesTo: ['community-protection-warning'],
    },
    'closure-notice': {
      key: 'closure-notice',
      name: 'Closure notice',
      short: 'Closure notice',
      statutory: true,
      subject: 'premises',
      rung: 2,
      minAge: null,
      maxDuration: { hours: 48 },
      defaultExpiry: { hours: 24 },
      defaultReview: null,
      fixedPenaltyMax: null,
      facts: ['2014 Act s.76', '24 hours, extendable to 48', 'Application to court within 48 hours'],
      escalatesTo: ['closure-order'],
    },
    'closure-order': {
      key: 'closure-order',
      name: 'Closure order',
      short: 'Closure order',
      statutory: true,
      subject: 'premises',
      rung: 3,
      minAge: null,
      maxDuration: { months: 6 },
      defaultExpiry: { months: 3 },
      defaultReview: null,
      fixedPenaltyMax: null,
      facts: ['2014 Act s.80', 'Up to 3 months', 'Extendable to 6 months in all'],
      escalatesTo: [],
    },
    'luscombe-green': {
      key: 'luscombe-green',
      name: 'Operation Luscombe green ticket',
      short: 'Green ticket',
      statutory: false,
      subject: 'person',
      rung: 0,
      minAge: null,
      maxDuration: null,
      defaultExpiry: null,
      defaultReview: { days: 28 },
      fixedPenaltyMax: null,
      facts: [
        'An invitation to the intervention hub with outreach partners',
        'Look for signs of modern slavery',
      ],
      escalatesTo: ['luscombe-amber'],
    },
    'luscombe-amber': {
      key: 'luscombe-amber',
      name: 'Operation Luscombe amber ticket (Community Protection Warning)',
      short: 'Amber ticket',
      statutory: true,
      subject: 'person',
      rung: 1,
      minAge: 16,
      maxDuration: null,
      defaultExpiry: null,
      defaultReview: { months: 1 },
      fixedPenaltyMax: null,
      facts: ['A Community Protection Warning', 'Age 16 or over', 'Follows a green ticket'],
      escalatesTo: ['community-protection-notice'],
    },
    'csas-penalty': {
      key: 'csas-penalty',
      name: 'Accredited officer (CSAS) fixed penalty',
      short: 'CSAS penalty',
      statutory: true,
      subject: 'person',
      rung: 1,
      minAge: 10,
      maxDuration: null,
      defaultExpiry: null,
      defaultReview: { days: 14 },
      fixedPenaltyMax: null,
      facts: ['Police Reform Act 2002 Sch.5: powers given by the chief officer to accredited persons'],
      escalatesTo: ['community-protection-warning'],
    },
  };
}

export const powerStepSchema = z.object({
  id: z.string().min(1),
  power: z.enum(POWER_KEYS),
  /** The person or premises the step is about. */
  subjectId: z.string().min(1),
  subjectDateOfBirth: isoDateSchema.nullish(),
  /** When the date of birth is not known but the age is. */
  subjectAgeAtIssue: z.number().int().min(0).max(130).nullish(),
  issuedOn: isoDateSchema,
  /** For powers measured in hours: dispersal directions and closure notices. */
  durationHours: z.number().positive().nullish(),
  expiresOn: isoDateSchema.nullish(),
  /** An order with no end date (a Criminal Behaviour Order for an adult may be indefinite). */
  indefinite: z.boolean().default(false),
  reviewOn: isoDateSchema.nullish(),
  /** A closure notice extended to 48 hours, or a closure order extended beyond 3 months. */
  extended: z.boolean().default(false),
  /** Discharged, revoked, completed or withdrawn on this date. */
  endedOn: isoDateSchema.nullish(),
  outcome: z.string().nullish(),
  conditions: z.array(z.string()).default([]),
  breaches: z.array(z.object({ on: isoDateSchema, note: z.string().optional() })).default([]),
  penaltyAmount: z.number().min(0).nullish(),
  riskAssessmentDone: z.boolean().nullish(),
  convictionRecorded: z.boolean().nullish(),
});

export type PowerStepInput = z.input<typeof powerStepSchema>;
export type PowerStep = z.output<typeof powerStepSchema>;

export interface StepIssue {
  stepId: string;
  severity: 'error' | 'warning' | 'notice';
  code: string;
  field: string;
  message: string;
}

function ageAtIssue(step: PowerStep): number | null {
  if (step.subjectDateOfBirth) return fullYearsBetween(step.subjectDateOfBirth, step.issuedOn);
  return step.subjectAgeAtIssue ?? null;
}

/** The last day a step is in force, or null when it has no end. */
export function endDate(step: PowerStep): IsoDate | null {
  const dates: IsoDate[] = [];
  if (step.expiresOn) dates.push(step.expiresOn);
  else if (step.durationHours) dates.push(addDays(step.issuedOn, Math.ceil(step.durationHours / 24)));
  if (step.endedOn) dates.push(step.endedOn);
  return dates.sort()[0] ?? null;
}

/** Rule checks for one step; `others` are the other steps about the same subject (or all steps). */
export function checkStep(
  stepInput: PowerStepInput,
  othersInput: readonly PowerStepInput[] = [],
  settingsInput: PowersSettingsInput = {},
): StepIssue[] {
  const step = powerStepSchema.parse(stepInput);
  const others = othersInput
    .map((o) => powerStepSchema.parse(o))
    .filter((o) => o.subjectId === step.subjectId && o.id !== step.id);
  const info = powerInfo(step.power, settingsInput);
  const issues: StepIssue[] = [];
  const issue = (severity: StepIssue['severity'], code: string, field: string, message: string) =>
    issues.push({ stepId: step.id, severity, code, field, message });

  for (const field of ['expiresOn', 'reviewOn', 'endedOn'] as const) {
    const d = step[field];
    if (d && d < step.issuedOn) {
      const what = { expiresOn: 'expiry', reviewOn: 'review', endedOn: 'end' }[field];
      issue(
        'error',
        `${field}-before-issue`,
        field,
        `The ${what} date (${d}) is before the date it was issued (${step.issuedOn})`,
      );
    }
  }
  for (const [i, b] of step.breaches.entries()) {
    if (b.on < step.issuedOn) {
      issue(
        'error',
        'breach-before-issue',
        `breaches.${i}.on`,
        `A breach on ${b.on} is before the ${info.short} was issued (${step.issuedOn})`,
      );
    }
  }

  const age = ageAtIssue(step);
  if (info.minAge !== null) {
    if (age !== null && age < info.minAge) {
      issue(
        'warning',
        'under-minimum-age',
        step.subjectDateOfBirth ? 'subjectDateOfBirth' : 'subjectAgeAtIssue',
        `A ${info.name} needs the person to be ${info.minAge} or over; they were ${age} on ${step.issuedOn}`,
      );
    } else if (age === null && info.minAge > 10) {
      issue(
        'notice',
        'age-unknown',
        'subjectDateOfBirth',
        `Record the person's date of birth: a ${info.name} needs them to be ${info.minAge} or over`,
      );
    }
  }

  if (step.power === 'community-protection-notice') {
    const warned = others.some(
      (o) =>
        (o.power === 'community-protection-warning' || o.power === 'luscombe-amber') &&
        o.issuedOn <= step.issuedOn,
    );
    if (!warned) {
      issue(
        'warning',
        'cpn-without-cpw',
        'power',
        'No Community Protection Warning to this person before this Community Protection Notice: the law needs a written warning first',
      );
    }
  }
  if (
    step.power === 'luscombe-amber' &&
    !others.some((o) => o.power === 'luscombe-green' && o.issuedOn <= step.issuedOn)
  ) {
    issue(
      'notice',
      'amber-without-green',
      'power',
      'No green ticket before this amber ticket: Operation Luscombe starts with an invitation to the hub',
    );
  }

  if (
    info.maxDuration?.hours !== undefined &&
    step.durationHours != null &&
    step.durationHours > info.maxDuration.hours
  ) {
    issue(
      'warning',
      'longer-than-legal-maximum',
      'durationHours',
      `A ${info.name} can last at most ${info.maxDuration.hours} hours; this one is ${step.durationHours}`,
    );
  }
  if (
    step.power === 'closure-notice' &&
    step.durationHours != null &&
    step.durationHours > 24 &&
    step.durationHours <= 48 &&
    !step.extended
  ) {
    issue(
      'warning',
      'closure-notice-not-extended',
      'extended',
      `A closure notice lasts 24 hours unless extended (to 48 at most); this one is ${step.durationHours} hours with no extension recorded`,
    );
  }
  if (step.power === 'closure-order' && step.expiresOn) {
    if (step.expiresOn > addCalendarMonths(step.issuedOn, 6)) {
      issue(
        'warning',
        'longer-than-legal-maximum',
        'expiresOn',
        'A closure order can last at most 6 months in all, with extensions',
      );
    } else if (step.expiresOn > addCalendarMonths(step.issuedOn, 3) && !step.extended) {
      issue(
        'warning',
        'closure-order-not-extended',
        'extended',
        'A closure order lasts up to 3 months unless the court extends it: record the extension',
      );
    }
  }

  if (step.power === 'criminal-behaviour-order') {
    if (step.convictionRecorded === false) {
      issue(
        'warning',
        'cbo-without-conviction',
        'convictionRecorded',
        'A Criminal Behaviour Order is made on conviction: record the conviction',
      );
    }
    if (age === null) {
      issue(
        'notice',
        'age-unknown',
        'subjectDateOfBirth',
        "Record the person's date of birth: the length of a Criminal Behaviour Order depends on whether they are under 18",
      );
    } else if (age >= 18) {
      if (!step.indefinite && !step.expiresOn) {
        issue(
          'warning',
          'cbo-no-end',
          'expiresOn',
          'Record the end date of the Criminal Behaviour Order, or mark it indefinite',
        );
      } else if (step.expiresOn && step.expiresOn < addCalendarMonths(step.issuedOn, 24)) {
        issue(
          'warning',
          'cbo-adult-too-short',
          'expiresOn',
          'A Criminal Behaviour Order for an adult lasts at least 2 years, or is indefinite',
        );
      }
    } else {
      if (step.indefinite || !step.expiresOn) {
        issue(
          'warning',
          'cbo-youth-no-end',
          'expiresOn',
          'A Criminal Behaviour Order for someone under 18 must end between 1 and 3 years after it is made',
        );
      } else if (
        step.expiresOn < addCalendarMonths(step.issuedOn, 12) ||
        step.expiresOn > addCalendarMonths(step.issuedOn, 36)
      ) {
        issue(
          'warning',
          'cbo-youth-duration',
          'expiresOn',
          'A Criminal Behaviour Order for someone under 18 lasts between 1 and 3 years',
        );
      }
    }
  }

  if (step.power === 'civil-injunction') {
    if (step.riskAssessmentDone !== true) {
      issue(
        'notice',
        'injunction-no-risk-assessment',
        'riskAssessmentDone',
        'Record the risk assessment made before applying for the injunction',
      );
    }
    if (age !== null && age < 18) {
      if (step.indefinite || !step.expiresOn) {
        issue(
          'warning',
          'youth-injunction-no-end',
          'expiresOn',
          'An injunction for someone under 18 must have a set end, at most 12 months',
        );
      } else if (step.expiresOn > addCalendarMonths(step.issuedOn, 12)) {
        issue(
          'warning',
          'youth-injunction-too-long',
          'expiresOn',
          'An injunction for someone under 18 can last at most 12 months',
        );
      }
    }
  }

  if (
    info.fixedPenaltyMax !== null &&
    step.penaltyAmount != null &&
    step.penaltyAmount > info.fixedPenaltyMax
  ) {
    issue(
      'warning',
      'penalty-over-maximum',
      'penaltyAmount',
      `The fixed penalty for a ${info.short} is at most £${info.fixedPenaltyMax}; £${step.penaltyAmount} is recorded`,
    );
  }
  return issues;
}

/** Checks every step against the others. */
export function checkSteps(
  steps: readonly PowerStepInput[],
  settings: PowersSettingsInput = {},
): StepIssue[] {
  return steps.flatMap((s) => checkStep(s, steps, settings));
}

function addPeriod(date: IsoDate, p: Period): IsoDate {
  if (p.months) return addCalendarMonths(date, p.months);
  if (p.days) return addDays(date, p.days);
  if (p.hours) return addDays(date, Math.ceil(p.hours / 24));
  return date;
}

/** The expiry, review and duration a new step gets when none is recorded. */
export function defaultDates(
  power: PowerKey,
  issuedOn: IsoDate,
  settings: PowersSettingsInput = {},
): { expiresOn: IsoDate | null; reviewOn: IsoDate | null; durationHours: number | null } {
  isoDateSchema.parse(issuedOn);
  const info = powerInfo(power, settings);
  return {
    expiresOn: info.defaultExpiry ? addPeriod(issuedOn, info.defaultExpiry) : null,
    reviewOn: info.defaultReview ? addPeriod(issuedOn, info.defaultReview) : null,
    durationHours: info.defaultExpiry?.hours ?? null,
  };
}

export interface UpcomingDate {
  stepId: string;
  power: PowerKey;
  name: string;
  date: IsoDate;
  kind: 'expires' | 'review';
  daysAway: number;
}

function isActive(step: PowerStep, today: IsoDate): boolean {
  const end = endDate(step);
  if (step.endedOn && step.endedOn <= today) return false;
  return step.issuedOn <= today && (end === null || end >= today);
}

function upcoming(steps: PowerStep[], today: IsoDate, settings: PowersSettingsInput): UpcomingDate[] {
  const list: UpcomingDate[] = [];
  for (const s of steps) {
    if (!isActive(s, today)) continue;
    const name = powerInfo(s.power, settings).name;
    const end = s.expiresOn ?? (s.durationHours ? endDate(s) : null);
    if (end && end >= today)
      list.push({
        stepId: s.id,
        power: s.power,
        name,
        date: end,
        kind: 'expires',
        daysAway: daysBetween(today, end),
      });
    if (s.reviewOn && s.reviewOn >= today && (!end || s.reviewOn <= end)) {
      list.push({
        stepId: s.id,
        power: s.power,
        name,
        date: s.reviewOn,
        kind: 'review',
        daysAway: daysBetween(today, s.reviewOn),
      });
    }
  }
  return list.sort((a, b) => a.date.localeCompare(b.date) || (a.kind === 'expires' ? -1 : 1));
}

export interface LadderPosition {
  /** The highest rung among the steps in force today, latest issued first on a tie. */
  current: PowerStep | null;
  currentName: string | null;
  highestEver: PowerStep | null;
  active: PowerStep[];
  inactive: PowerStep[];
  next: UpcomingDate | null;
  /** Usual next powers up the ladder from the current (or highest) step. */
  escalatesTo: PowerKey[];
  summary: string;
}

function highest(steps: PowerStep[], settings: PowersSettingsInput): PowerStep | null {
  return (
    [...steps].sort(
      (a, b) =>
        powerInfo(b.power, settings).rung - powerInfo(a.power, settings).rung ||
        b.issuedOn.localeCompare(a.issuedOn),
    )[0] ?? null
  );
}

/** Where one person (or premises) stands on the ladder today, and what expires or is reviewed next. */
export function ladderFor(
  stepsInput: readonly PowerStepInput[],
  today: IsoDate,
  settings: PowersSettingsInput = {},
): LadderPosition {
  isoDateSchema.parse(today);
  const steps = stepsInput.map((s) => powerStepSchema.parse(s)).filter((s) => s.issuedOn <= today);
  const active = steps.filter((s) => isActive(s, today));
  const inactive = steps.filter((s) => !isActive(s, today));
  const current = highest(active, settings);
  const highestEver = highest(steps, settings);
  const next = upcoming(steps, today, settings)[0] ?? null;
  const base = current ?? highestEver;
  const currentName = current ? powerInfo(current.power, settings).name : null;
  const parts = [
    current
      ? `${currentName} in force since ${current.issuedOn}`
      : highestEver
        ? `Nothing in force; highest step was ${powerInfo(highestEver.power, settings).name} on ${highestEver.issuedOn}`
        : 'No steps recorded',
  ];
  if (next)
    parts.push(`next: ${next.name} ${next.kind === 'expires' ? 'expires' : 'review'} on ${next.date}`);
  return {
    current,
    currentName,
    highestEver,
    active,
    inactive,
    next,
    escalatesTo: base ? powerInfo(base.power, settings).escalatesTo : [],
    summary: parts.join('; '),
  };
}

/** Expiry and review dates from today up to `days` calendar days ahead, soonest first. */
export function expiringSoon(
  stepsInput: readonly PowerStepInput[],
  today: IsoDate,
  days: number,
  settings: PowersSettingsInput = {},
): UpcomingDate[] {
  isoDateSchema.parse(today);
  if (!Number.isInteger(days) || days < 0)
    throw new RangeError(`days must be a whole number of 0 or more, got ${days}`);
  const steps = stepsInput.map((s) => powerStepSchema.parse(s));
  return upcoming(steps, today, settings).filter((u) => u.daysAway <= days);
}
