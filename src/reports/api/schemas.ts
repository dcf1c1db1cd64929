import { z } from 'zod';
import { DESCRIPTION_MAX, LOCATION_MAX, NAME_MAX, PHONE_MESSAGE, ukPhone } from '../schemas.js';

/** The body of POST /api/v1/reports. */
export const apiReportSchema = z
  .object({
    category: z.string().min(1).max(60).describe('A category code from GET /api/v1/categories'),
    description: z
      .string()
      .trim()
      .min(1, 'description is required')
      .max(DESCRIPTION_MAX, `description must be ${DESCRIPTION_MAX} characters or fewer`),
    location: z
      .object({
        lat: z.number().min(-90).max(90).optional(),
        lng: z.number().min(-180).max(180).optional(),
        text: z
          .string()
          .trim()
          .max(LOCATION_MAX)
          .optional()
          .describe('A street, landmark or postcode in the partnership area'),
      })
      .refine(
        (l) => (l.lat !== undefined && l.lng !== undefined) || !!l.text,
        'location needs lat and lng, or text',
      ),
    hateIncident: z.boolean().default(false),
    placeContexts: z
      .array(z.string().max(60))
      .max(10)
      .default([])
      .describe('Place context codes, e.g. barbican-estate, licensed-premises, walkway'),
    occurred: z
      .object({
        kind: z.enum(['at', 'ongoing', 'regular']),
        at: z.iso.datetime({ offset: true }).optional(),
        note: z.string().max(200).optional(),
      })
      .default({ kind: 'at' }),
    reporter: z
      .object({
        kind: z.enum(['victim', 'witness', 'business', 'on-behalf']).default('witness'),
        anonymous: z.boolean().default(false),
        name: z.string().trim().max(NAME_MAX).optional(),
        email: z.email().max(254).optional(),
        phone: z
          .string()
          .max(40)
          .refine((v) => ukPhone(v), PHONE_MESSAGE)
          .optional(),
        contactPreference: z.enum(['email', 'phone', 'none']).default('none'),
      })
      .default({ kind: 'witness', anonymous: true, contactPreference: 'none' }),
    externalId: z.string().max(100).optional().describe("The partner system's own id for the report"),
  })
  .strict();
export type ApiReportInput = z.infer<typeof apiReportSchema>;

export const apiReportCreatedSchema = z.object({
  id: z.string(),
  reference: z.string().describe('Human reference, e.g. ASB-2026-000123'),
  state: z.string(),
  dueAt: z.string(),
  teams: z.array(z.object({ code: z.string(), name: z.string() })),
  environmentalJob: z.string().nullable(),
});

export const apiReportSchemaOut = z.object({
  id: z.string(),
  reference: z.string(),
  category: z.string(),
  hateIncident: z.boolean(),
  description: z.string(),
  location: z.object({
    text: z.string().nullable(),
    lat: z.number().nullable(),
    lng: z.number().nullable(),
    postcode: z.string().nullable(),
  }),
  state: z.object({ code: z.string(), label: z.string(), kind: z.enum(['open', 'closed']) }),
  createdAt: z.string(),
  updatedAt: z.string(),
  dueAt: z.string(),
  closedAt: z.string().nullable(),
  externalId: z.string().nullable(),
  updates: z.array(z.object({ at: z.string(), state: z.string(), text: z.string().nullable() })),
});

export const apiErrorSchema = z.object({
  error: z.string(),
  fields: z.record(z.string(), z.string()).optional(),
});
