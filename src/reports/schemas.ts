import { z } from 'zod';
import { isPossiblePhoneNumber } from 'libphonenumber-js';

/** Limits shared by every channel. */
export const DESCRIPTION_MAX = 2000;
export const LOCATION_MAX = 200;
export const NAME_MAX = 100;

const text = (max: number, tooLong: string) => z.string().trim().max(max, tooLong);
const optionalText = (max: number, tooLong: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    text(max, tooLong).optional(),
  );

export const descriptionSchema = z
  .string({ error: 'Enter what happened' })
  .trim()
  .min(1, 'Enter what happened')
  .max(
    DESCRIPTION_MAX,
    `What happened must be ${DESCRIPTION_MAX.toLocaleString('en-GB')} characters or fewer`,
  );

export const emailSchema = z
  .string()
  .trim()
  .email('Enter an email address in the correct format, like name@example.com')
  .max(254, 'Email address must be 254 characters or fewer');

export const ukPhone = (v: string) => isPossiblePhoneNumber(v, 'GB');
export const PHONE_MESSAGE =
  'Enter a telephone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192';

// ------------------------------------------------------------------ public journey

export const whatSchema = z.object({
  category: z.string({ error: 'Select what happened' }).min(1, 'Select what happened'),
  hate: z.enum(['yes', 'no', 'not-sure'], {
    error: 'Select whether you think it was motivated by hostility or prejudice',
  }),
});

export const whereSchema = z.object({
  location: optionalText(
    LOCATION_MAX,
    `Street, postcode or landmark must be ${LOCATION_MAX} characters or fewer`,
  ),
  lat: z.preprocess(
    (v) => (v === '' || v == null ? undefined : Number(v)),
    z.number().min(-90).max(90).optional(),
  ),
  lng: z.preprocess(
    (v) => (v === '' || v == null ? undefined : Number(v)),
    z.number().min(-180).max(180).optional(),
  ),
  contexts: z.preprocess(
    (v) => (v == null || v === '' ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.string()).max(10),
  ),
});

const TIME_RE = /^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$/i;

/** "21:30", "9.30pm", "9pm" -> [hours, minutes]; null if not a time. */
export function parseTime(v: string): [number, number] | null {
  const m = TIME_RE.exec(v.trim());
  if (!m) return null;
  let h = Number(m[1]);
  const min = m[2] ? Number(m[2]) : 0;
  const ampm = m[3]?.toLowerCase();
  if (ampm) {
    if (h < 1 || h > 12) return null;
    if (ampm === 'pm' && h !== 12) h += 12;
    if (ampm === 'am' && h === 12) h = 0;
  } else if (!m[2]) return null;
  if (h > 23 || min > 59) return null;
  return [h, min];
}

export const whenSchema = z
  .object({
    when: z.enum(['at', 'ongoing', 'regular'], { error: 'Select when it happened' }),
    'date-day': z.string().trim().optional(),
    'date-month': z.string().trim().optional(),
    'date-year': z.string().trim().optional(),
    time: z.string().trim().optional(),
    often: optionalText(200, 'How often it happens must be 200 characters or fewer'),
  })
  .superRefine((v, ctx) => {
    if (v.when !== 'at') return;
    const [d, m, y] = [v['date-day'], v['date-month'], v['date-year']];
    if (!d && !m && !y) {
      ctx.addIssue({ code: 'custom', path: ['date-day'], message: 'Enter the date it happened' });
    } else if (!d || !m || !y) {
      const missing = !d ? 'day' : !m ? 'month' : 'year';
      ctx.addIssue({
        code: 'custom',
        path: ['date-day'],
        message: `The date it happened must include a ${missing}`,
      });
    } else {
      const day = Number(d);
      const month = Number(m);
      const year = Number(y);
      const date = new Date(Date.UTC(year, month - 1, day));
      if (!/^\d{4}$/.test(y) || date.getUTCDate() !== day || date.getUTCMonth() !== month - 1) {
        ctx.addIssue({
          code: 'custom',
          path: ['date-day'],
          message: 'The date it happened must be a real date',
        });
      }
    }
    if (v.time && !parseTime(v.time)) {
      ctx.addIssue({ code: 'custom', path: ['time'], message: 'Enter the time like 21:30 or 9:30pm' });
    }
  });

export const detailsSchema = z.object({ description: descriptionSchema });

export const aboutSchema = z
  .object({
    reporterKind: z.enum(['victim', 'witness', 'business', 'on-behalf'], {
      error: 'Select who you are reporting as',
    }),
    identity: z.enum(['named', 'anonymous'], {
      error: 'Select whether you want to give your name and contact details',
    }),
    name: z.string().trim().max(NAME_MAX, `Your name must be ${NAME_MAX} characters or fewer`).optional(),
    email: z.string().trim().optional(),
    phone: z.string().trim().optional(),
    contact: z.enum(['email', 'phone', 'none']).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.identity !== 'named') return;
    if (!v.name) ctx.addIssue({ code: 'custom', path: ['name'], message: 'Enter your name' });
    if (v.email && !emailSchema.safeParse(v.email).success) {
      ctx.addIssue({
        code: 'custom',
        path: ['email'],
        message: 'Enter an email address in the correct format, like name@example.com',
      });
    }
    if (v.phone && !ukPhone(v.phone))
      ctx.addIssue({ code: 'custom', path: ['phone'], message: PHONE_MESSAGE });
    if (!v.contact)
      ctx.addIssue({
        code: 'custom',
        path: ['contact'],
        message: 'Select how you would like us to contact you',
      });
    if (v.contact === 'email' && !v.email)
      ctx.addIssue({
        code: 'custom',
        path: ['email'],
        message: 'Enter your email address so we can contact you by email',
      });
    if (v.contact === 'phone' && !v.phone)
      ctx.addIssue({
        code: 'custom',
        path: ['phone'],
        message: 'Enter your telephone number so we can contact you by phone',
      });
  });

export const trackSchema = z.object({
  reference: z
    .string()
    .trim()
    .min(1, 'Enter your report reference')
    .regex(/^ASB-\d{4}-\d{6}$/i, 'Enter the reference like ASB-2026-000123'),
  code: z
    .string()
    .trim()
    .min(1, 'Enter your tracking code')
    .regex(/^[0-9a-z][0-9a-z\s-]{8,14}$/i, 'Enter the tracking code like 7KQ4M-2XC9P'),
});

// ------------------------------------------------------------------ telephone intake

export const intakeSchema = z
  .object({
    channel: z.enum(['phone', 'staff'], { error: 'Select how the report came in' }),
    givenName: optionalText(NAME_MAX, `First name must be ${NAME_MAX} characters or fewer`),
    surname: optionalText(NAME_MAX, `Last name must be ${NAME_MAX} characters or fewer`),
    phone: optionalText(40, PHONE_MESSAGE).refine((v) => !v || ukPhone(v), PHONE_MESSAGE),
    email: optionalText(254, 'Email address must be 254 characters or fewer').refine(
      (v) => !v || emailSchema.safeParse(v).success,
      'Enter an email address in the correct format, like name@example.com',
    ),
    address: optionalText(200, 'Caller address must be 200 characters or fewer'),
    anonymous: z.preprocess((v) => v === 'yes' || v === 'on' || v === 'true', z.boolean()),
    reporterKind: z.enum(['victim', 'witness', 'business', 'on-behalf'], {
      error: 'Select who the caller is',
    }),
    contact: z.enum(['email', 'phone', 'none'], {
      error: 'Select how the caller would like to be contacted',
    }),
    category: z.string({ error: 'Select what happened' }).min(1, 'Select what happened'),
    hate: z.preprocess((v) => v === 'yes' || v === 'on' || v === 'true', z.boolean()),
    location: optionalText(LOCATION_MAX, `Where it happened must be ${LOCATION_MAX} characters or fewer`),
    contexts: z.preprocess(
      (v) => (v == null || v === '' ? [] : Array.isArray(v) ? v : [v]),
      z.array(z.string()).max(10),
    ),
    when: z.enum(['at', 'ongoing', 'regular'], { error: 'Select when it happened' }),
    occurredAt: optionalText(20, 'Enter the date and time like 28/11/2026 21:30'),
    description: descriptionSchema,
  })
  .superRefine((v, ctx) => {
    if (!v.location)
      ctx.addIssue({
        code: 'custom',
        path: ['location'],
        message: 'Enter where it happened: a street, postcode or landmark',
      });
    if (v.contact === 'email' && !v.email && !v.anonymous)
      ctx.addIssue({
        code: 'custom',
        path: ['email'],
        message: 'Enter the email address to contact the caller on',
      });
    if (v.contact === 'phone' && !v.phone && !v.anonymous)
      ctx.addIssue({
        code: 'custom',
        path: ['phone'],
        message: 'Enter the telephone number to contact the caller on',
      });
    if (v.when === 'at' && !v.occurredAt)
      ctx.addIssue({
        code: 'custom',
        path: ['occurredAt'],
        message: 'Enter the date and time it happened, like 28/11/2026 21:30',
      });
  });

/** "28/11/2026 21:30" (Europe/London) -> a Date; null if not valid. */
export function parseUkDateTime(
  v: string,
): { y: number; m: number; d: number; hh: number; mm: number } | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2})[:.](\d{2}))?$/.exec(v.trim());
  if (!m) return null;
  const [d, mo, y, hh, mm] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0)];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCDate() !== d || date.getUTCMonth() !== mo - 1 || hh > 23 || mm > 59) return null;
  return { y, m: mo, d, hh, mm };
}

// ------------------------------------------------------------------ staff work

export const updateSchema = z.object({
  stateCode: z.string().min(1, 'Select a state'),
  text: optionalText(
    DESCRIPTION_MAX,
    `The update must be ${DESCRIPTION_MAX.toLocaleString('en-GB')} characters or fewer`,
  ),
  public: z.preprocess((v) => v === 'yes' || v === 'on' || v === 'true', z.boolean()),
});

export const assignSchema = z.object({ assignee: z.string().optional() });

export const rerouteSchema = z.object({
  teamIds: z.preprocess(
    (v) => (v == null || v === '' ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.string()).min(1, 'Select at least one team'),
  ),
  reason: z
    .string()
    .trim()
    .min(1, 'Enter the reason for re-routing')
    .max(500, 'The reason must be 500 characters or fewer'),
});

export const bulkAssignSchema = z.object({
  reportIds: z.preprocess(
    (v) => (v == null || v === '' ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.string()).min(1, 'Select at least one report'),
  ),
  assignee: z.string().optional(),
  teamId: z.string().min(1),
});

// ------------------------------------------------------------------ service map

export const ruleSchema = z
  .object({
    categoryCode: z.string().min(1, 'Select a category'),
    placeContext: z.string().min(1, 'Select a place'),
    teamId: z.string().min(1, 'Select a team'),
    deliveryMethod: z.enum(['queue', 'email'], { error: 'Select how the team receives reports' }),
    deliveryEmail: optionalText(254, 'Email address must be 254 characters or fewer'),
  })
  .superRefine((v, ctx) => {
    if (
      v.deliveryMethod === 'email' &&
      (!v.deliveryEmail || !emailSchema.safeParse(v.deliveryEmail).success)
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['deliveryEmail'],
        message: 'Enter the email address reports are sent to, like team@example.gov.uk',
      });
    }
  });

export const categoryEditSchema = z.object({
  slaHours: z.coerce
    .number({ error: 'Enter the target in hours' })
    .int('Enter the target as a whole number of hours')
    .min(1, 'The target must be at least 1 hour')
    .max(24 * 90, 'The target must be 2,160 hours (90 days) or fewer'),
  publicDescription: z
    .string()
    .trim()
    .min(1, 'Enter the description the public sees')
    .max(500, 'The description must be 500 characters or fewer'),
  active: z.preprocess((v) => v === 'yes' || v === 'on' || v === 'true', z.boolean()),
});

export const stateSchema = z.object({
  label: z
    .string()
    .trim()
    .min(1, 'Enter the state name staff see')
    .max(60, 'The name must be 60 characters or fewer'),
  publicLabel: z
    .string()
    .trim()
    .min(1, 'Enter the state name the public sees')
    .max(60, 'The public name must be 60 characters or fewer'),
  kind: z.enum(['open', 'closed'], { error: 'Select whether the state is open or closed' }),
});

export const apiKeySchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Enter the name of the partner system')
    .max(100, 'The name must be 100 characters or fewer'),
  rateLimit: z.coerce
    .number({ error: 'Enter the limit as a number' })
    .int('Enter a whole number')
    .min(1, 'The limit must be at least 1')
    .max(1_000_000, 'The limit must be 1,000,000 or fewer'),
});
