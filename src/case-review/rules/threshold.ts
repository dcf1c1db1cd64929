/**
 * The ASB Case Review threshold (Anti-social Behaviour, Crime and Policing Act 2014, s.104 and
 * Schedule 4) as a pure function: which complaints qualify, which rule the application meets,
 * and why each complaint did or did not count.
 *
 * Month windows are calendar months measured forward from the earlier event, inclusive at the
 * edge (date-fns addMonths; a month end clamps, so 31 January + 1 month = 28/29 February):
 * - a complaint is timely when made on or before behaviour date + 1 month;
 * - it is recent enough when the application is made on or before complaint date + 6 months.
 */
import { z } from 'zod';
import {
  addCalendarMonths,
  daysBetween,
  isoDateSchema,
  type IsoDate,
} from '../../platform/dates/calendar-date.js';

export const MAX_COMPLAINTS_THRESHOLD = 3;

export const thresholdSettingsSchema = z
  .object({
    /** Qualifying complaints (distinct incidents) that meet the threshold; the law allows at most 3. */
    complaintsThreshold: z
      .number()
      .int()
      .min(1, 'The complaints threshold must be at least 1')
      .max(
        MAX_COMPLAINTS_THRESHOLD,
        'The complaints threshold cannot be more than 3: the 2014 Act lets a local area set a lower number, never a higher one',
      )
      .default(3),
    /** Qualifying hate incidents that meet the threshold on their own; null turns the rule off. */
    hateThreshold: z
      .number()
      .int()
      .min(1, 'The hate incident threshold must be at least 1')
      .nullable()
      .default(1),
    /** Different people complaining about the application's problem or place; null turns it off. */
    communityThreshold: z
      .number()
      .int()
      .min(2, 'The community threshold must be at least 2 people')
      .nullable()
      .default(5),
    communityWindowMonths: z.number().int().min(1).max(24).default(6),
    /** The law's 1 month; a local procedure may be more generous, never stricter. */
    complaintWindowMonths: z
      .number()
      .int()
      .min(1, 'The complaint window cannot be shorter than the 1 month the law allows')
      .max(12)
      .default(1),
    /** The law's 6 months; a local procedure may be more generous, never stricter. */
    applicationWindowMonths: z
      .number()
      .int()
      .min(6, 'The application window cannot be shorter than the 6 months the law allows')
      .max(24)
      .default(6),
    /** What to do with a complaint whose behaviour date was not recorded. */
    unknownBehaviourDate: z.enum(['assume-timely', 'exclude']).default('assume-timely'),
  })
  .superRefine((s, ctx) => {
    if (s.hateThreshold !== null && s.hateThreshold > s.complaintsThreshold) {
      ctx.addIssue({
        code: 'custom',
        path: ['hateThreshold'],
        message: 'The hate incident threshold cannot be higher than the complaints threshold',
      });
    }
  });

export type ThresholdSettings = z.infer<typeof thresholdSettingsSchema>;
export type ThresholdSettingsInput = z.input<typeof thresholdSettingsSchema>;

export const DEFAULT_THRESHOLD_SETTINGS: ThresholdSettings = thresholdSettingsSchema.parse({});

export const thresholdApplicationSchema = z.object({
  madeOn: isoDateSchema,
  victimId: z.string().min(1).optional(),
  hateRelated: z.boolean().default(false),
  /** Key of the problem or place the application is about (matched against complaints' place). */
  place: z.string().min(1).nullish(),
});

export const thresholdComplaintSchema = z.object({
  id: z.string().min(1),
  complainedOn: isoDateSchema,
  behaviourOn: isoDateSchema.nullable(),
  /** Who received it, in words that read after "reported to", e.g. "the council". */
  agency: z.string().min(1),
  channel: z.string().min(1),
  /** Complaints sharing a key are one incident reported several times (e.g. to police and council). */
  incidentKey: z.string().min(1).nullish(),
  hate: z.boolean().default(false),
  complainantId: z.string().min(1).nullish(),
  place: z.string().min(1).nullish(),
  source: z.enum(['internal', 'added-by-staff']),
  evidence: z.string().nullish(),
  /**
   * False for a complaint someone else made about the application's problem or place: it is
   * considered for the community threshold only, never as one of the victim's complaints.
   */
  victimComplaint: z.boolean().default(true),
});

export const thresholdInputSchema = z
  .object({
    application: thresholdApplicationSchema,
    complaints: z.array(thresholdComplaintSchema),
  })
  .superRefine((input, ctx) => {
    const seen = new Set<string>();
    input.complaints.forEach((c, i) => {
      if (seen.has(c.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['complaints', i, 'id'],
          message: `Complaint ${c.id} is listed twice`,
        });
      }
      seen.add(c.id);
    });
  });

export type ThresholdApplication = z.input<typeof thresholdApplicationSchema>;
export type ThresholdComplaint = z.input<typeof thresholdComplaintSchema>;
type Complaint = z.output<typeof thresholdComplaintSchema>;

export type ThresholdRule = 'complaints' | 'hate' | 'community';

export type ComplaintProblem =
  | 'no-evidence'
  | 'after-application'
  | 'before-behaviour'
  | 'late-complaint'
  | 'behaviour-date-unknown'
  | 'too-old';

export interface ComplaintVerdict {
  complaintId: string;
  /** True when this complaint is the one counted for its incident. */
  counted: boolean;
  outcome: 'counted' | 'same-incident' | 'not-qualifying' | 'community-only';
  problems: ComplaintProblem[];
  /** Why, in a sentence for staff and the applicant's letter. */
  reason: string;
  sameIncidentAs?: string;
  countsForHate: boolean;
  countsForCommunity: boolean;
}

export interface RuleOutcome {
  rule: ThresholdRule;
  label: string;
  enabled: boolean;
  required: number | null;
  found: number;
  met: boolean;
  explanation: string;
}

export interface ThresholdResult {
  met: boolean;
  /** The first rule met, in the order complaints, hate, community; null when none is. */
  metBy: ThresholdRule | null;
  rules: RuleOutcome[];
  complaints: ComplaintVerdict[];
  qualifyingIncidents: number;
  notes: string[];
  summary: string;
}

interface Timing {
  problems: ComplaintProblem[];
  texts: string[];
  assumedTimely: boolean;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function timing(c: Complaint, madeOn: IsoDate, windowMonths: number, s: ThresholdSettings): Timing {
  const t: Timing = { problems: [], texts: [], assumedTimely: false };
  const months = plural(s.complaintWindowMonths, 'month');
  if (c.source === 'added-by-staff' && !c.evidence?.trim()) {
    t.problems.push('no-evidence');
    t.texts.push('added by staff without evidence that the complaint was made');
  }
  if (c.complainedOn > madeOn) {
    t.problems.push('after-application');
    t.texts.push(`made on ${c.complainedOn}, after the application (${madeOn})`);
  }
  if (c.behaviourOn === null) {
    if (s.unknownBehaviourDate === 'exclude') {
      t.problems.push('behaviour-date-unknown');
      t.texts.push(`the date of the behaviour is not recorded, so it cannot be shown to be within ${months}`);
    } else {
      t.assumedTimely = true;
    }
  } else if (c.complainedOn < c.behaviourOn) {
    t.problems.push('before-behaviour');
    t.texts.push(
      `dated ${c.complainedOn}, before the behaviour it reports (${c.behaviourOn}): check the dates`,
    );
  } else {
    const limit = addCalendarMonths(c.behaviourOn, s.complaintWindowMonths);
    if (c.complainedOn > limit) {
      const days = daysBetween(c.behaviourOn, c.complainedOn);
      t.problems.push('late-complaint');
      t.texts.push(
        `made ${days} days after the behaviour, over ${months} (it needed to be made by ${limit})`,
      );
    }
  }
  const lastApplicationDay = addCalendarMonths(c.complainedOn, windowMonths);
  if (madeOn > lastApplicationDay) {
    t.problems.push('too-old');
    t.texts.push(
      `made more than ${plural(windowMonths, 'month')} before the application (it counts for applications made by ${lastApplicationDay}; this one was made on ${madeOn})`,
    );
  }
  return t;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Decides whether an ASB Case Review application meets the threshold. Throws ZodError on bad input. */
export function assessThreshold(
  input: { application: ThresholdApplication; complaints: readonly ThresholdComplaint[] },
  settingsInput: ThresholdSettingsInput = {},
): ThresholdResult {
  const settings = thresholdSettingsSchema.parse(settingsInput);
  const { application, complaints } = thresholdInputSchema.parse(input);
  const madeOn = application.madeOn;
  const notes: string[] = [];

  const timings = complaints.map((c) => timing(c, madeOn, settings.applicationWindowMonths, settings));
  const qualifies = (i: number) => timings[i].problems.length === 0 && complaints[i].victimComplaint;

  // One incident reported to several agencies counts once: the earliest qualifying report.
  const representative = new Map<string, number>();
  complaints.forEach((c, i) => {
    if (!qualifies(i)) return;
    const key = c.incidentKey ?? `complaint:${c.id}`;
    const current = representative.get(key);
    if (current === undefined || c.complainedOn < complaints[current].complainedOn)
      representative.set(key, i);
  });
  const hateIncident = new Map<string, boolean>();
  complaints.forEach((c, i) => {
    const key = c.incidentKey ?? `complaint:${c.id}`;
    if (qualifies(i) && c.hate) hateIncident.set(key, true);
  });

  // Community rule: different people about the same problem or place, within its own window.
  const communityPeople = new Set<string>();
  const communityContributor = new Set<number>();
  const communityOn = settings.communityThreshold !== null && Boolean(application.place);
  if (communityOn) {
    const order = complaints
      .map((_, i) => i)
      .sort((a, b) => complaints[a].complainedOn.localeCompare(complaints[b].complainedOn) || a - b);
    for (const i of order) {
      const c = complaints[i];
      if (c.place !== application.place || !c.complainantId) continue;
      const t = timing(c, madeOn, settings.communityWindowMonths, settings);
      if (t.problems.length > 0 || communityPeople.has(c.complainantId)) continue;
      communityPeople.add(c.complainantId);
      communityContributor.add(i);
    }
  }

  const verdicts: ComplaintVerdict[] = complaints.map((c, i) => {
    const key = c.incidentKey ?? `complaint:${c.id}`;
    const t = timings[i];
    const base = { complaintId: c.id, problems: t.problems, countsForCommunity: communityContributor.has(i) };
    if (!c.victimComplaint) {
      const own = timing(c, madeOn, settings.communityWindowMonths, settings);
      const why = communityContributor.has(i)
        ? 'counts towards the community threshold only'
        : own.problems.length
          ? `does not count towards the community threshold: ${own.texts.join('; ')}`
          : !c.complainantId
            ? 'does not count towards the community threshold: no named complainant'
            : c.place !== application.place || !communityOn
              ? 'does not count towards the community threshold, which is not checked for this application'
              : 'does not count again towards the community threshold: this person is already counted';
      return {
        ...base,
        counted: false,
        outcome: 'community-only',
        reason: `Made by someone else about the same problem or place: ${why}`,
        countsForHate: false,
      };
    }
    if (!qualifies(i)) {
      return {
        ...base,
        counted: false,
        outcome: 'not-qualifying',
        reason: capitalise(t.texts.join('; ')),
        countsForHate: false,
      };
    }
    const rep = representative.get(key)!;
    if (rep !== i) {
      const first = complaints[rep];
      return {
        ...base,
        counted: false,
        outcome: 'same-incident',
        sameIncidentAs: first.id,
        reason: `Same incident as complaint ${first.id} reported to ${first.agency}`,
        countsForHate: false,
      };
    }
    const parts = [
      c.behaviourOn === null
        ? `behaviour date not recorded, so taken as reported within ${plural(settings.complaintWindowMonths, 'month')} (check with the complainant)`
        : c.behaviourOn === c.complainedOn
          ? 'made on the day of the behaviour'
          : `made ${plural(daysBetween(c.behaviourOn, c.complainedOn), 'day')} after the behaviour`,
      c.complainedOn === madeOn
        ? 'made on the day of the application'
        : `${plural(daysBetween(c.complainedOn, madeOn), 'day')} before the application`,
    ];
    if (c.source === 'added-by-staff') parts.push(`added by staff with evidence: ${c.evidence!.trim()}`);
    const isHate = hateIncident.get(key) === true;
    if (isHate) parts.push('a hate incident');
    return {
      ...base,
      counted: true,
      outcome: 'counted',
      reason: `Counts: ${parts.join('; ')}`,
      countsForHate: isHate,
    };
  });

  const incidents = representative.size;
  const hateCount = [...representative.keys()].filter((k) => hateIncident.get(k)).length;

  const rules: RuleOutcome[] = [
    {
      rule: 'complaints',
      label: 'Qualifying complaints',
      enabled: true,
      required: settings.complaintsThreshold,
      found: incidents,
      met: incidents >= settings.complaintsThreshold,
      explanation: `${plural(incidents, 'qualifying complaint')} about different incidents; ${settings.complaintsThreshold} needed`,
    },
    {
      rule: 'hate',
      label: 'Hate incidents',
      enabled: settings.hateThreshold !== null,
      required: settings.hateThreshold,
      found: hateCount,
      met: settings.hateThreshold !== null && hateCount >= settings.hateThreshold,
      explanation:
        settings.hateThreshold === null
          ? 'This area has no separate hate incident threshold'
          : `${plural(hateCount, 'qualifying hate incident')}; ${settings.hateThreshold} needed`,
    },
    {
      rule: 'community',
      label: 'People reporting the same problem',
      enabled: communityOn,
      required: settings.communityThreshold,
      found: communityPeople.size,
      met: communityOn && communityPeople.size >= settings.communityThreshold!,
      explanation: !communityOn
        ? settings.communityThreshold === null
          ? 'This area has no community threshold'
          : 'Not checked: the application does not name the problem or place'
        : `${plural(communityPeople.size, 'person', 'different people')} reported this problem or place within ${plural(settings.communityWindowMonths, 'month')} of the application; ${settings.communityThreshold} needed`,
    },
  ];

  if (application.hateRelated && hateCount === 0) {
    notes.push(
      'The application says the behaviour is hate-related, but no qualifying complaint is flagged as a hate incident: check the complaints’ hate flags.',
    );
  }
  const assumed = verdicts.filter((v, i) => v.counted && timings[i].assumedTimely).map((v) => v.complaintId);
  if (assumed.length) {
    notes.push(
      `Behaviour date not recorded for ${assumed.join(', ')}: counted on the assumption it was reported in time.`,
    );
  }
  if (communityOn) {
    const anonymous = complaints.filter((c) => c.place === application.place && !c.complainantId).length;
    if (anonymous) {
      notes.push(
        `${plural(anonymous, 'complaint')} about this place had no named complainant and could not count towards the community threshold.`,
      );
    }
  }

  const metRule = rules.find((r) => r.met) ?? null;
  const summary = metRule
    ? `Threshold met: ${metRule.explanation}.`
    : `Threshold not met: ${rules
        .filter((r) => r.enabled)
        .map((r) => r.explanation)
        .join(
          '; ',
        )}. The bodies may still hold a review, considering the persistence of the behaviour, the harm caused and the adequacy of the response.`;

  return {
    met: metRule !== null,
    metBy: metRule?.rule ?? null,
    rules,
    complaints: verdicts,
    qualifyingIncidents: incidents,
    notes,
    summary,
  };
}
