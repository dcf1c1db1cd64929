import { TZDate } from '@date-fns/tz';
import type { PendingPhoto } from '../photos.js';
import type { NewReport, ReporterKind } from '../service.js';
import { parseTime } from '../schemas.js';

/** The public journey's answers, kept in the session between pages. */
export interface JourneyAnswers {
  category?: string;
  hate?: 'yes' | 'no' | 'not-sure';
  where?: {
    text: string | null;
    lat: number | null;
    lng: number | null;
    precision: string;
    postcode: string | null;
    label: string;
    contexts: string[];
    chosenContexts: string[];
    typed: Record<string, unknown>;
  };
  when?: {
    kind: 'at' | 'ongoing' | 'regular';
    at: string | null;
    note: string | null;
    typed: Record<string, unknown>;
  };
  description?: string;
  photos?: PendingPhoto[];
  photosDone?: boolean;
  about?: {
    reporterKind: ReporterKind;
    identity: 'named' | 'anonymous';
    name?: string;
    email?: string;
    phone?: string;
    contact?: 'email' | 'phone' | 'none';
  };
}

export const STEPS = ['what', 'where', 'when', 'details', 'photos', 'about'] as const;
export type Step = (typeof STEPS)[number];

const done: Record<Step, (a: JourneyAnswers) => boolean> = {
  what: (a) => !!a.category && !!a.hate,
  where: (a) => !!a.where,
  when: (a) => !!a.when,
  details: (a) => !!a.description,
  photos: (a) => !!a.photosDone,
  about: (a) => !!a.about,
};

/** The first question not yet answered, or null when the report is ready to check. */
export function firstMissing(a: JourneyAnswers): Step | null {
  return STEPS.find((s) => !done[s](a)) ?? null;
}

/** Whether a page may be shown: every earlier question must have an answer. */
export function canVisit(a: JourneyAnswers, step: Step): boolean {
  const missing = firstMissing(a);
  return missing === null || STEPS.indexOf(step) <= STEPS.indexOf(missing);
}

export function nextStep(a: JourneyAnswers, current: Step, changing: boolean): string {
  const missing = firstMissing(a);
  if (changing && !missing) return '/report/check';
  const i = STEPS.indexOf(current);
  return missing && STEPS.indexOf(missing) <= i
    ? `/report/${missing}`
    : i + 1 < STEPS.length
      ? `/report/${STEPS[i + 1]}`
      : '/report/check';
}

/** A date (and optional time) typed in the journey, read as London time, to UTC ISO. */
export function londonToIso(day: number, month: number, year: number, time: string | undefined): string {
  const t = time ? parseTime(time) : null;
  const d = new TZDate(year, month - 1, day, t?.[0] ?? 0, t?.[1] ?? 0, 0, 0, 'Europe/London');
  return new Date(d.getTime()).toISOString();
}

export function toNewReport(a: JourneyAnswers): NewReport {
  if (firstMissing(a)) throw new Error('journey incomplete');
  const about = a.about!;
  const named = about.identity === 'named';
  return {
    channel: 'web',
    categoryCode: a.category!,
    hateIncident: a.hate === 'yes',
    description: a.description!,
    location: {
      text: a.where!.text ?? a.where!.label,
      postcode: a.where!.postcode,
      lat: a.where!.lat,
      lng: a.where!.lng,
      precision: a.where!.precision,
      contexts: [...new Set([...a.where!.contexts, ...a.where!.chosenContexts])],
    },
    occurred: { kind: a.when!.kind, at: a.when!.at, note: a.when!.note },
    reporter: {
      kind: about.reporterKind,
      anonymous: !named,
      name: named ? about.name : null,
      email: named ? about.email || null : null,
      phone: named ? about.phone || null : null,
      contactPreference: named ? (about.contact ?? 'none') : 'none',
    },
    photos: a.photos ?? [],
  };
}
