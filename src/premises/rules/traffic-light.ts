/**
 * The Traffic Light Scheme for licensed premises: penalty points for incidents, credit points for
 * good practice under the Code of Good Practice, both expiring after a set number of months; the
 * running total places the premises green, amber or red. The published point values were not
 * found, so every number here is a setting; the explanation lists each item so staff can see why
 * a premises has its colour.
 */
import { z } from 'zod';
import { addCalendarMonths, isoDateSchema, type IsoDate } from '../../platform/dates/calendar-date.js';

export const INCIDENT_TYPES = ['crime', 'asb', 'noise', 'licence-breach'] as const;
export type IncidentType = (typeof INCIDENT_TYPES)[number];

const INCIDENT_LABELS: Record<IncidentType, string> = {
  crime: 'Crime',
  asb: 'Anti-social behaviour',
  noise: 'Noise complaint',
  'licence-breach': 'Breach of licence conditions',
};

const points = z.number().int().min(0).max(100);

export const DEFAULT_CREDIT_TYPES = {
  'code-of-good-practice': { label: 'Signed up to the Code of Good Practice', points: 2 },
  'best-bar-none': { label: 'Best Bar None accreditation', points: 2 },
  'staff-training': { label: 'Staff trained in welfare and vulnerability (e.g. Ask for Angela)', points: 1 },
  'liaison-attendance': { label: 'Attended the Licensing Liaison or Pubwatch meeting', points: 1 },
  'prompt-reporting': { label: 'Reported an incident promptly and helped the police', points: 1 },
  'cctv-provided': { label: 'Provided CCTV when asked', points: 1 },
};

export const trafficLightSettingsSchema = z
  .object({
    penaltyPoints: z
      .object({
        crime: points.default(3),
        asb: points.default(2),
        noise: points.default(1),
        'licence-breach': points.default(3),
      })
      .prefault({}),
    creditTypes: z
      .record(z.string().regex(/^[a-z0-9-]+$/), z.object({ label: z.string().min(1), points: points }))
      .default(DEFAULT_CREDIT_TYPES),
    /** Penalty points stop counting this many calendar months after the incident. */
    penaltyExpiryMonths: z.number().int().min(1).max(60).default(12),
    creditExpiryMonths: z.number().int().min(1).max(60).default(12),
    /** Credits can take at most this many points off, so good practice cannot hide serious incidents. */
    maxCreditPoints: points.default(4),
    /** A total at or above this is amber. */
    amberFrom: z.number().int().min(1).default(6),
    /** A total at or above this is red. */
    redFrom: z.number().int().min(1).default(12),
  })
  .refine((s) => s.redFrom > s.amberFrom, { path: ['redFrom'], message: 'Red must start above amber' });

export type TrafficLightSettings = z.output<typeof trafficLightSettingsSchema>;
export type TrafficLightSettingsInput = z.input<typeof trafficLightSettingsSchema>;

export type Band = 'green' | 'amber' | 'red';

export interface PremisesIncident {
  id: string;
  type: IncidentType;
  occurredOn: IsoDate;
  summary?: string;
  /** Points set by an officer instead of the default for the type (a reason is required). */
  points?: number | null;
  pointsReason?: string | null;
}

export interface PremisesCredit {
  id: string;
  type: string;
  awardedOn: IsoDate;
  note?: string;
}

export interface ScoredItem {
  id: string;
  kind: 'penalty' | 'credit';
  type: string;
  label: string;
  date: IsoDate;
  points: number;
  expiresOn: IsoDate;
  status: 'counts' | 'expired' | 'not-yet';
  /** Why the points are what they are, in a sentence. */
  note: string;
}

export interface TrafficLightResult {
  band: Band;
  total: number;
  penaltyPoints: number;
  creditPointsEarned: number;
  creditPointsApplied: number;
  items: ScoredItem[];
  summary: string;
  /** The first future date on which expiring points alone change the colour. */
  bandChange: { on: IsoDate; to: Band } | null;
}

function bandFor(total: number, s: TrafficLightSettings): Band {
  return total >= s.redFrom ? 'red' : total >= s.amberFrom ? 'amber' : 'green';
}

function bandRange(band: Band, s: TrafficLightSettings): string {
  if (band === 'red') return `red is ${s.redFrom} points or more`;
  if (band === 'amber') return `amber is ${s.amberFrom} to ${s.redFrom - 1} points`;
  return `green is under ${s.amberFrom} points`;
}

const BAND_ACTION: Record<Band, string> = {
  green: 'No action needed',
  amber: 'Officers work with the premises on an action plan',
  red: 'A licence review is considered (enforcement is the last resort)',
};

function totalsOn(items: readonly ScoredItem[], on: IsoDate, s: TrafficLightSettings) {
  const counting = items.filter((i) => i.date <= on && on < i.expiresOn);
  const penalty = counting.filter((i) => i.kind === 'penalty').reduce((sum, i) => sum + i.points, 0);
  const earned = counting.filter((i) => i.kind === 'credit').reduce((sum, i) => sum + i.points, 0);
  const applied = Math.min(earned, s.maxCreditPoints, penalty);
  return { penalty, earned, applied, total: penalty - applied };
}

/** The input schema for a scheme's credit types, built once per set of types (zod schemas are costly to build). */
const inputSchemas = new Map<string, ReturnType<typeof buildInputSchema>>();

function buildInputSchema(creditKeys: string[]) {
  return z.object({
    today: isoDateSchema,
    incidents: z.array(
      z
        .object({
          id: z.string().min(1),
          type: z.enum(INCIDENT_TYPES),
          occurredOn: isoDateSchema,
          summary: z.string().optional(),
          points: points.nullish(),
          pointsReason: z.string().nullish(),
        })
        .refine((i) => i.points == null || Boolean(i.pointsReason?.trim()), {
          path: ['pointsReason'],
          message: 'Say why the points differ from the usual for this type of incident',
        }),
    ),
    credits: z.array(
      z.object({
        id: z.string().min(1),
        type: z.string().refine((t) => creditKeys.includes(t), {
          message: `Choose a kind of good practice this scheme gives credit for (${creditKeys.join(', ')})`,
        }),
        awardedOn: isoDateSchema,
        note: z.string().optional(),
      }),
    ),
  });
}

function inputSchemaFor(creditKeys: string[]) {
  const key = creditKeys.join('|');
  let schema = inputSchemas.get(key);
  if (!schema) inputSchemas.set(key, (schema = buildInputSchema(creditKeys)));
  return schema;
}

export function assessPremises(
  input: { incidents: readonly PremisesIncident[]; credits: readonly PremisesCredit[]; today: IsoDate },
  settingsInput: TrafficLightSettingsInput = {},
): TrafficLightResult {
  const s = trafficLightSettingsSchema.parse(settingsInput);
  const schema = inputSchemaFor(Object.keys(s.creditTypes));
  const { incidents, credits, today } = schema.parse(input);

  const status = (date: IsoDate, expiresOn: IsoDate): ScoredItem['status'] =>
    date > today ? 'not-yet' : today >= expiresOn ? 'expired' : 'counts';

  const items: ScoredItem[] = [
    ...incidents.map((i): ScoredItem => {
      const expiresOn = addCalendarMonths(i.occurredOn, s.penaltyExpiryMonths);
      const pts = i.points ?? s.penaltyPoints[i.type];
      const st = status(i.occurredOn, expiresOn);
      const why =
        i.points != null
          ? `set by an officer: ${i.pointsReason!.trim()}`
          : `the usual for ${INCIDENT_LABELS[i.type].toLowerCase()}`;
      return {
        id: i.id,
        kind: 'penalty',
        type: i.type,
        label: i.summary ? `${INCIDENT_LABELS[i.type]}: ${i.summary}` : INCIDENT_LABELS[i.type],
        date: i.occurredOn,
        points: pts,
        expiresOn,
        status: st,
        note: `${pts} penalty ${pts === 1 ? 'point' : 'points'} (${why}); ${
          st === 'expired'
            ? `expired on ${expiresOn}`
            : st === 'not-yet'
              ? 'dated after today'
              : `counts until ${expiresOn}`
        }`,
      };
    }),
    ...credits.map((c): ScoredItem => {
      const expiresOn = addCalendarMonths(c.awardedOn, s.creditExpiryMonths);
      const type = s.creditTypes[c.type];
      const st = status(c.awardedOn, expiresOn);
      return {
        id: c.id,
        kind: 'credit',
        type: c.type,
        label: c.note ? `${type.label}: ${c.note}` : type.label,
        date: c.awardedOn,
        points: type.points,
        expiresOn,
        status: st,
        note: `${type.points} credit ${type.points === 1 ? 'point' : 'points'}; ${
          st === 'expired'
            ? `expired on ${expiresOn}`
            : st === 'not-yet'
              ? 'dated after today'
              : `counts until ${expiresOn}`
        }`,
      };
    }),
  ].sort((a, b) => b.date.localeCompare(a.date) || a.id.localeCompare(b.id));

  const now = totalsOn(items, today, s);
  const band = bandFor(now.total, s);
  const creditText =
    now.earned === 0
      ? ''
      : now.applied < now.earned
        ? `, less ${now.applied} of ${now.earned} credit points (${now.applied === s.maxCreditPoints ? `at most ${s.maxCreditPoints} count` : 'credits cannot take the total below 0'})`
        : `, less ${now.applied} credit ${now.applied === 1 ? 'point' : 'points'}`;
  const summary = `${band[0].toUpperCase()}${band.slice(1)}: ${now.total} ${now.total === 1 ? 'point' : 'points'} (${now.penalty} penalty${creditText}); ${bandRange(band, s)}. ${BAND_ACTION[band]}.`;

  let bandChange: TrafficLightResult['bandChange'] = null;
  const futureDates = [...new Set(items.filter((i) => i.status === 'counts').map((i) => i.expiresOn))].sort();
  for (const on of futureDates) {
    const then = bandFor(
      totalsOn(
        items.filter((i) => i.date <= today),
        on,
        s,
      ).total,
      s,
    );
    if (then !== band) {
      bandChange = { on, to: then };
      break;
    }
  }

  return {
    band,
    total: now.total,
    penaltyPoints: now.penalty,
    creditPointsEarned: now.earned,
    creditPointsApplied: now.applied,
    items,
    summary,
    bandChange,
  };
}
