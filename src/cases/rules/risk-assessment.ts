/**
 * The victim risk assessment: a configurable questionnaire scored into standard / medium / high,
 * with the reassessment date by band and the prompt for a Community MARAC referral when high.
 * The default questions follow the factors UK ASB victim risk assessments use: repeat targeting,
 * impact on health, sleep, work and daily life, feeling unsafe at home, vulnerability (age,
 * disability, mental health, isolation), hate motivation and the support available.
 */
import { z } from 'zod';
import { addDays, isoDateSchema, type IsoDate } from '../../platform/dates/calendar-date.js';
import type { FieldError } from '../../platform/workflow/transition-table.js';

export type RiskBand = 'standard' | 'medium' | 'high';
const BAND_ORDER: Record<RiskBand, number> = { standard: 0, medium: 1, high: 2 };

const optionSchema = z.object({
  value: z.string().min(1),
  label: z.string().min(1),
  score: z.number().int().min(0).max(100),
});

const questionSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, 'Question ids use lower-case letters, digits and hyphens'),
    text: z.string().min(1),
    /** Set when a scoring answer marks a vulnerability factor, e.g. "Disability". */
    factor: z.string().min(1).optional(),
    required: z.boolean().default(true),
    options: z.array(optionSchema).min(2, 'A question needs at least two answers'),
  })
  .superRefine((q, ctx) => {
    const values = q.options.map((o) => o.value);
    if (new Set(values).size !== values.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['options'],
        message: `Question ${q.id} repeats an answer value`,
      });
    }
  });

export const questionnaireSchema = z
  .array(questionSchema)
  .min(1)
  .superRefine((qs, ctx) => {
    const seen = new Set<string>();
    qs.forEach((q, i) => {
      if (seen.has(q.id))
        ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `Question ${q.id} appears twice` });
      seen.add(q.id);
    });
  });

export type Questionnaire = z.input<typeof questionnaireSchema>;
export type Question = z.output<typeof questionSchema>;

const yesNo = (yes: number) => [
  { value: 'no', label: 'No', score: 0 },
  { value: 'yes', label: 'Yes', score: yes },
];

/** Highest possible score 57. */
export const DEFAULT_QUESTIONNAIRE: Questionnaire = [
  {
    id: 'repeat-targeting',
    text: 'How many times has this happened to the victim in the last 3 months?',
    factor: 'Repeat targeting',
    options: [
      { value: 'once', label: 'This is the first time', score: 0 },
      { value: '2-3', label: '2 or 3 times', score: 2 },
      { value: '4-plus', label: '4 times or more', score: 4 },
      { value: 'daily', label: 'Almost every day', score: 6 },
    ],
  },
  {
    id: 'personally-targeted',
    text: 'Is the behaviour aimed at the victim or their household?',
    options: [
      { value: 'no', label: 'No, it affects the area generally', score: 0 },
      { value: 'partly', label: 'Partly', score: 2 },
      { value: 'yes', label: 'Yes', score: 4 },
    ],
  },
  {
    id: 'hate',
    text: 'Does the victim think it is because of their race, religion, sexual orientation, disability or transgender identity?',
    factor: 'Hate motivation',
    options: [
      { value: 'no', label: 'No', score: 0 },
      { value: 'unsure', label: 'Not sure', score: 2 },
      { value: 'yes', label: 'Yes', score: 4 },
    ],
  },
  {
    id: 'threats-violence',
    text: 'Have there been threats of violence, or violence?',
    options: [
      { value: 'none', label: 'No', score: 0 },
      { value: 'threats', label: 'Threats', score: 3 },
      { value: 'violence', label: 'Violence', score: 5 },
    ],
  },
  { id: 'property-damage', text: 'Has the victim’s home or property been damaged?', options: yesNo(2) },
  {
    id: 'unsafe-at-home',
    text: 'How safe does the victim feel at home?',
    factor: 'Feels unsafe at home',
    options: [
      { value: 'safe', label: 'Safe', score: 0 },
      { value: 'sometimes', label: 'Sometimes unsafe', score: 2 },
      { value: 'often', label: 'Often unsafe', score: 4 },
      { value: 'afraid', label: 'Afraid to stay at home', score: 6 },
    ],
  },
  {
    id: 'health',
    text: 'Has it affected the victim’s physical or mental health?',
    options: [
      { value: 'no', label: 'No', score: 0 },
      { value: 'some', label: 'Somewhat', score: 2 },
      { value: 'serious', label: 'Seriously', score: 4 },
    ],
  },
  {
    id: 'sleep',
    text: 'Is the victim’s sleep affected?',
    options: [
      { value: 'no', label: 'No', score: 0 },
      { value: 'sometimes', label: 'Sometimes', score: 1 },
      { value: 'most-nights', label: 'Most nights', score: 3 },
    ],
  },
  {
    id: 'daily-life',
    text: 'Has it affected work, school or daily routine (for example avoiding going out)?',
    factor: 'Impact on daily life',
    options: [
      { value: 'no', label: 'No', score: 0 },
      { value: 'some', label: 'Somewhat', score: 2 },
      { value: 'major', label: 'A lot', score: 3 },
    ],
  },
  {
    id: 'age',
    text: 'How old is the victim?',
    factor: 'Age',
    options: [
      { value: '18-64', label: '18 to 64', score: 0 },
      { value: 'under-18', label: 'Under 18', score: 2 },
      { value: '65-plus', label: '65 or over', score: 2 },
    ],
  },
  {
    id: 'disability',
    text: 'Does the victim have a disability or long-term illness that affects daily life?',
    factor: 'Disability',
    options: yesNo(3),
  },
  {
    id: 'mental-health',
    text: 'Does the victim have a mental health condition?',
    factor: 'Mental health',
    options: yesNo(3),
  },
  {
    id: 'isolation',
    text: 'Does the victim live alone or have little contact with family or friends?',
    factor: 'Isolation',
    options: [
      { value: 'no', label: 'No', score: 0 },
      { value: 'somewhat', label: 'Somewhat', score: 1 },
      { value: 'yes', label: 'Yes', score: 3 },
    ],
  },
  {
    id: 'support',
    text: 'What support does the victim have from family, friends or other services?',
    factor: 'Little or no support',
    options: [
      { value: 'good', label: 'Good support', score: 0 },
      { value: 'some', label: 'Some support', score: 1 },
      { value: 'none', label: 'None', score: 3 },
    ],
  },
  {
    id: 'others-in-household',
    text: 'Are children or other vulnerable people in the household affected?',
    factor: 'Vulnerable people in the household',
    options: yesNo(2),
  },
  {
    id: 'victim-view',
    text: 'How does the victim rate the risk to themselves?',
    options: [
      { value: 'low', label: 'Low', score: 0 },
      { value: 'medium', label: 'Medium', score: 2 },
      { value: 'high', label: 'High', score: 4 },
    ],
  },
];

export const riskSettingsSchema = z
  .object({
    questionnaire: questionnaireSchema.prefault(DEFAULT_QUESTIONNAIRE),
    /** A score at or above this is medium. */
    mediumFrom: z.number().int().min(1).default(16),
    /** A score at or above this is high: 32 matches the London scheme's "over 31". */
    highFrom: z.number().int().min(1).default(32),
    /** Calendar days until the next assessment is due, by band. */
    reassessDays: z
      .object({
        standard: z.number().int().min(1).max(365).default(28),
        medium: z.number().int().min(1).max(365).default(14),
        high: z.number().int().min(1).max(365).default(7),
      })
      .prefault({}),
  })
  .superRefine((s, ctx) => {
    if (s.mediumFrom >= s.highFrom) {
      ctx.addIssue({
        code: 'custom',
        path: ['highFrom'],
        message: 'The high band must start above the medium band',
      });
    }
    const max = maxScore(s.questionnaire);
    if (s.highFrom > max) {
      ctx.addIssue({
        code: 'custom',
        path: ['highFrom'],
        message: `No set of answers can reach the high band: the highest possible score is ${max}`,
      });
    }
  });

export type RiskSettings = z.output<typeof riskSettingsSchema>;
export type RiskSettingsInput = z.input<typeof riskSettingsSchema>;

export function maxScore(questionnaire: readonly Question[]): number {
  return questionnaire.reduce((sum, q) => sum + Math.max(...q.options.map((o) => o.score)), 0);
}

export function bandForScore(
  score: number,
  settings: Pick<RiskSettings, 'mediumFrom' | 'highFrom'>,
): RiskBand {
  return score >= settings.highFrom ? 'high' : score >= settings.mediumFrom ? 'medium' : 'standard';
}

export interface RiskAnswer {
  questionId: string;
  question: string;
  value: string;
  answer: string;
  score: number;
}

export interface RiskAssessmentResult {
  score: number;
  maxScore: number;
  /** The band used: the score's band, raised by professional judgement when given. */
  band: RiskBand;
  scoreBand: RiskBand;
  raisedByJudgement: boolean;
  answers: RiskAnswer[];
  /** Vulnerability factors present (a scoring answer to a question with a factor). */
  vulnerabilityFactors: string[];
  assessedOn: IsoDate;
  reassessBy: IsoDate;
  needsMaracReferral: boolean;
  explanation: string;
}

export interface RiskAssessmentInput {
  answers: Record<string, string | null | undefined>;
  assessedOn: IsoDate;
  /** An officer may raise the band (never lower it); a reason is then required. */
  professionalJudgement?: { band: RiskBand; reason: string } | null;
}

export type RiskAssessmentOutcome =
  { ok: true; result: RiskAssessmentResult } | { ok: false; errors: FieldError[] };

export function needsMaracReferral(result: Pick<RiskAssessmentResult, 'band'>): boolean {
  return result.band === 'high';
}

/** Checks the answers against the questionnaire; each error names the question. */
export function validateAnswers(
  questionnaire: readonly Question[],
  answers: RiskAssessmentInput['answers'],
): FieldError[] {
  const errors: FieldError[] = [];
  const ids = new Set(questionnaire.map((q) => q.id));
  for (const id of Object.keys(answers)) {
    if (!ids.has(id))
      errors.push({ field: `answers.${id}`, message: `“${id}” is not a question in this assessment` });
  }
  for (const q of questionnaire) {
    const value = answers[q.id];
    if (value == null || value === '') {
      if (q.required) errors.push({ field: `answers.${q.id}`, message: `Answer “${q.text}”` });
    } else if (!q.options.some((o) => o.value === value)) {
      errors.push({
        field: `answers.${q.id}`,
        message: `Choose one of the answers for “${q.text}” (${q.options.map((o) => o.label).join(', ')})`,
      });
    }
  }
  return errors;
}

export function scoreRiskAssessment(
  input: RiskAssessmentInput,
  settingsInput: RiskSettingsInput = {},
): RiskAssessmentOutcome {
  const settings = riskSettingsSchema.parse(settingsInput);
  const errors = validateAnswers(settings.questionnaire, input.answers);
  if (!isoDateSchema.safeParse(input.assessedOn).success) {
    errors.push({ field: 'assessedOn', message: 'Enter the date of the assessment as a real date' });
  }
  const pj = input.professionalJudgement;
  if (pj && !pj.reason?.trim()) {
    errors.push({
      field: 'professionalJudgement.reason',
      message: 'Explain the professional judgement that raises the risk',
    });
  }
  if (errors.length) return { ok: false, errors };

  const answers: RiskAnswer[] = [];
  const factors: string[] = [];
  for (const q of settings.questionnaire) {
    const option = q.options.find((o) => o.value === input.answers[q.id]);
    if (!option) continue; // an optional question left blank
    answers.push({
      questionId: q.id,
      question: q.text,
      value: option.value,
      answer: option.label,
      score: option.score,
    });
    if (q.factor && option.score > 0) factors.push(q.factor);
  }
  const score = answers.reduce((sum, a) => sum + a.score, 0);
  const scoreBand = bandForScore(score, settings);
  const raised = pj != null && BAND_ORDER[pj.band] > BAND_ORDER[scoreBand];
  const band = raised ? pj!.band : scoreBand;
  const max = maxScore(settings.questionnaire);
  const bandRule =
    scoreBand === 'high'
      ? `${settings.highFrom} or more is high`
      : scoreBand === 'medium'
        ? `${settings.mediumFrom} to ${settings.highFrom - 1} is medium`
        : `under ${settings.mediumFrom} is standard`;
  let explanation = `Score ${score} of ${max}: ${scoreBand} risk (${bandRule})`;
  if (raised) explanation += `; raised to ${band} by professional judgement: ${pj!.reason.trim()}`;
  if (band === 'high') explanation += '. Refer the case to the Community MARAC';

  return {
    ok: true,
    result: {
      score,
      maxScore: max,
      band,
      scoreBand,
      raisedByJudgement: raised,
      answers,
      vulnerabilityFactors: factors,
      assessedOn: input.assessedOn,
      reassessBy: addDays(input.assessedOn, settings.reassessDays[band]),
      needsMaracReferral: band === 'high',
      explanation,
    },
  };
}
