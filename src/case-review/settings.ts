/** A partnership's local ASB Case Review procedure: thresholds, timescales, the appeal body and the contact point. */
import { z } from 'zod';
import { DEFAULT_THRESHOLD_SETTINGS, thresholdSettingsSchema } from './rules/threshold.js';
import { DEFAULT_DEADLINE_SETTINGS, deadlineSettingsSchema } from './rules/deadlines.js';

export const procedureSchema = z.object({
  /** Who hears appeals, in words that read after "appeal to". */
  appealBody: z.string().trim().min(1, 'Enter who hears appeals').max(300),
  appealBodyEmail: z
    .union([
      z.literal(''),
      z.email('Enter the appeal body’s email address in the correct format, like name@example.com'),
    ])
    .default(''),
  /** The single point of contact for applications (shown on the public pages, copied on new applications). */
  contactEmail: z
    .union([
      z.literal(''),
      z.email('Enter the contact email address in the correct format, like name@example.com'),
    ])
    .default(''),
  contactPhone: z.string().trim().max(40).default(''),
  /** Working days an agency is given to send its information for a review. */
  informationWorkingDays: z.number().int().min(1).max(60).default(5),
});

export const caseReviewSettingsSchema = z.object({
  threshold: thresholdSettingsSchema,
  deadlines: deadlineSettingsSchema,
  procedure: procedureSchema,
});

export type CaseReviewSettings = z.infer<typeof caseReviewSettingsSchema>;
export type ProcedureSettings = z.infer<typeof procedureSchema>;

export const DEFAULT_PROCEDURE: ProcedureSettings = {
  appealBody: 'the Common Council of the City of London, as the police and crime body for the City',
  appealBodyEmail: '',
  contactEmail: 'communitysafety@cityoflondon.example',
  contactPhone: '020 7606 3030',
  informationWorkingDays: 5,
};

/** Stored settings over the defaults; a part that no longer validates falls back to its default. */
export function settingsFromJson(json: string | null | undefined): CaseReviewSettings {
  let raw: Record<string, unknown> = {};
  try {
    raw = json ? (JSON.parse(json) as Record<string, unknown>) : {};
  } catch {
    raw = {};
  }
  const part = <T>(schema: z.ZodType<T>, value: unknown, fallback: T): T => {
    const r = schema.safeParse({ ...(fallback as object), ...((value as object) ?? {}) });
    return r.success ? r.data : fallback;
  };
  return {
    threshold: part(thresholdSettingsSchema, raw.threshold, DEFAULT_THRESHOLD_SETTINGS),
    deadlines: part(deadlineSettingsSchema, raw.deadlines, DEFAULT_DEADLINE_SETTINGS),
    procedure: part(procedureSchema, raw.procedure, DEFAULT_PROCEDURE),
  };
}
