import { z } from 'zod';
import { requiredDate } from '../cases/form-dates.js';

const text = (what: string, max = 500) =>
  z
    .string({ error: `Enter ${what}` })
    .trim()
    .min(1, `Enter ${what}`)
    .max(max, `${what.charAt(0).toUpperCase() + what.slice(1)} must be ${max} characters or fewer`);

export const newSarSchema = z.object({
  requesterName: text('the requester’s name', 200),
  requesterContact: z
    .string()
    .trim()
    .max(300, 'How to reach the requester must be 300 characters or fewer')
    .optional()
    .transform((v) => v || null),
  receivedOn: requiredDate('the date the request was received'),
  lawEnforcement: z.enum(['yes', 'no'], {
    error: 'Select yes if the request is for police law-enforcement data',
  }),
});

export const extendSchema = z.object({
  toldOn: requiredDate('the date the requester was told'),
  reason: text('why more time is needed'),
});

export const holdSchema = z.object({
  recordType: text('the record type', 40),
  recordId: text('the record', 60),
  reason: text('the reason for the hold'),
  reviewOn: requiredDate('the date to review the hold'),
});

export const scheduleSchema = z.object({
  agencyId: z
    .string()
    .optional()
    .transform((v) => v || null),
  years: z
    .string({ error: 'Enter the number of years' })
    .trim()
    .regex(/^\d{1,2}$/, 'Enter the number of years as a whole number, like 6')
    .transform(Number)
    .refine((n) => n >= 0 && n <= 99, 'Enter the number of years from 0 to 99'),
  action: z.enum(['anonymise', 'delete', 'keep'], { error: 'Select what happens when the time is up' }),
});

export const reasonSchema = z.object({ reason: text('the reason') });

export const correctionSchema = z.object({
  recordId: text('the record to correct', 60),
  field: z.enum(['given_name', 'surname', 'dob', 'phone', 'email', 'address', 'postcode'], {
    error: 'Select what to correct',
  }),
  value: z.string().trim().max(300, 'The corrected value must be 300 characters or fewer'),
  reason: text('the reason for the correction'),
});
