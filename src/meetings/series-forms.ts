/** The forms of meeting series and meetings: what a coordinator types, validated with GOV.UK wording. */
import { z } from 'zod';
import { isIsoDate } from '../platform/dates/index.js';
import { asList } from '../platform/web/forms.js';
import { scheduleSchema } from './schedule.js';

export const MEETING_TYPES: Record<string, string> = {
  ccm: 'City Community MARAC',
  tasking: 'Multi-agency tasking',
  nte: 'Night Time Economy meeting',
  llp: 'Licensing Liaison Partnership',
  cluster: 'Ward Cluster Panel',
};

const time = z
  .string()
  .trim()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter the time as HH:MM, for example 10:00');
const whole = (field: string, max: number) =>
  z.coerce
    .number({ message: `Enter ${field} as a number` })
    .int(`Enter ${field} as a whole number`)
    .min(0)
    .max(max, `${field} must be ${max} or fewer`);

export const seriesFormSchema = z.object({
  name: z.string().trim().min(1, 'Enter the name of the meeting').max(120),
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9-]{2,12}$/, 'Enter a short code of 2 to 12 letters or numbers, for example CCM'),
  type: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9-]{2,30}$/, 'Choose the type of meeting, or enter a new one in lower case'),
  schedule: scheduleSchema,
  startTime: time,
  durationMinutes: whole('the length in minutes', 600),
  venue: z.string().trim().min(1, 'Enter where the meeting is held').max(200),
  ward: z
    .string()
    .trim()
    .max(120)
    .optional()
    .transform((v) => v || null),
  confidentiality: z.enum(['public', 'confidential'], {
    message: 'Choose whether the meeting is public or confidential',
  }),
  protectiveMarking: z
    .string()
    .trim()
    .min(1, 'Enter the protective marking, for example OFFICIAL-SENSITIVE')
    .max(40),
  termsOfReference: z.string().trim().min(1, 'Enter the terms of reference').max(5000),
  agendaCutoffDays: whole('the agenda cut-off', 30),
  minutesDeadlineDays: whole('the minutes deadline', 30),
  minutesPerCase: whole('the minutes per case', 120),
  chairUserIds: z.array(z.string()).min(1, 'Choose the chair').max(2, 'A meeting has at most two chairs'),
  memberAgencyIds: z.array(z.string()),
  memberUserIds: z.array(z.string()),
  /** Meetings are generated from this date. */
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
});
export type SeriesForm = z.infer<typeof seriesFormSchema>;

/** Turns a posted series form (flat fields) into the schema's shape. */
export function seriesFormInput(body: Record<string, unknown>) {
  const n = (v: unknown) => (v === undefined || v === '' ? undefined : Number(v));
  const kind = String(body.scheduleKind ?? '');
  return {
    ...body,
    schedule:
      kind === 'fortnightly'
        ? { kind, anchor: body.anchor }
        : { kind, nth: n(body.nth), weekday: n(body.weekday), firstMonth: n(body.firstMonth) },
    chairUserIds: asList(body.chairUserIds),
    memberAgencyIds: asList(body.memberAgencyIds),
    memberUserIds: asList(body.memberUserIds),
  };
}

export const extraMeetingSchema = z.object({
  seriesId: z.string({ message: 'Choose the series' }).min(1, 'Choose the series'),
  date: z
    .string({ message: 'Enter the date' })
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the date as YYYY-MM-DD, for example 2027-02-03')
    .refine(isIsoDate, 'Enter a real date'),
  startTime: time,
  chairUserId: z.string({ message: 'Choose the chair' }).min(1, 'Choose the chair'),
});

export const moveSchema = z.object({
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the date as YYYY-MM-DD, for example 2027-02-03')
    .refine(isIsoDate, 'Enter a real date'),
  startTime: time,
  venue: z.string().trim().min(1, 'Enter where the meeting is held').max(200),
  reason: z.string().trim().min(1, 'Say why the meeting is moved').max(300),
});
