/** Risk assessments of a case and the questionnaire settings. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseForm } from '../../platform/web/forms.js';
import { can } from '../../platform/permissions/roles.js';
import type { CaseServices } from '../services.js';
import { optionalDate, splitDate } from '../form-dates.js';
import { actorOf, bodyWithDates, done, MANAGE, params, READ } from './helpers.js';
import { page } from './render.js';

const assessSchema = z.object({
  partyId: z
    .string()
    .optional()
    .transform((v) => v || null),
  assessedOn: optionalDate('the date of the assessment').refine((v) => v !== undefined, {
    message: 'Enter the date of the assessment',
  }),
  judgementBand: z
    .enum(['', 'medium', 'high'])
    .optional()
    .transform((v) => (v ? v : null)),
  judgementReason: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || null),
  notes: z
    .string()
    .trim()
    .max(5000)
    .optional()
    .transform((v) => v || null),
});

const settingsSchema = z.object({
  mediumFrom: z.coerce
    .number({ error: 'Enter the score where medium risk starts' })
    .int('Enter a whole number'),
  highFrom: z.coerce.number({ error: 'Enter the score where high risk starts' }).int('Enter a whole number'),
  'reassessDays-standard': z.coerce
    .number()
    .int()
    .min(1, 'Enter a number of days from 1 to 365')
    .max(365, 'Enter a number of days from 1 to 365'),
  'reassessDays-medium': z.coerce
    .number()
    .int()
    .min(1, 'Enter a number of days from 1 to 365')
    .max(365, 'Enter a number of days from 1 to 365'),
  'reassessDays-high': z.coerce
    .number()
    .int()
    .min(1, 'Enter a number of days from 1 to 365')
    .max(365, 'Enter a number of days from 1 to 365'),
  questionnaire: z.string().trim().min(1, 'Enter the questions as JSON'),
});

export function registerRiskRoutes(app: FastifyInstance, s: CaseServices): void {
  app.get('/cases/:id/risk', { config: READ }, async (req, reply) => {
    const h = await s.risk.history(actorOf(req), params(req).id);
    return page(reply, 'risk', {
      title: `Risk assessments – ${h.c.reference}`,
      ...h,
      today: s.cases.ctx.today(),
      canSettings: can(req.user!.role, 'settings.manage'),
    });
  });

  const formPage = async (
    req: any,
    reply: any,
    values: Record<string, unknown>,
    errors?: Record<string, string>,
  ) => {
    const id = params(req).id;
    const { c, access } = await s.cases.header(actorOf(req), id, 'manage');
    const { settings } = await s.risk.settings(c.partnership_id);
    const parties = (await s.cases.repo.parties(id)).filter(
      (p) => p.role === 'victim' || p.role === 'complainant',
    );
    return page(errors ? reply.code(400) : reply, 'risk-new', {
      title: 'Assess the risk to the victim',
      c,
      access,
      questions: settings.questionnaire,
      bands: { mediumFrom: settings.mediumFrom, highFrom: settings.highFrom },
      partyItems: [
        { value: '', text: 'Not linked to a person' },
        ...parties.map((p) => ({ value: p.id, text: p.display_name })),
      ],
      values,
      errors,
    });
  };

  app.get('/cases/:id/risk/new', { config: MANAGE }, async (req, reply) => {
    const id = params(req).id;
    const victim = (await s.cases.repo.parties(id)).find((p) => p.role === 'victim');
    const values: Record<string, unknown> = { partyId: victim?.id ?? '' };
    splitDate(values, 'assessedOn', s.cases.ctx.today());
    return formPage(req, reply, values);
  });

  app.post('/cases/:id/risk/new', { config: MANAGE }, async (req, reply) => {
    const id = params(req).id;
    const body = bodyWithDates(req, ['assessedOn']);
    const form = parseForm(assessSchema, body);
    const answers: Record<string, string> = {};
    for (const [k, v] of Object.entries(body))
      if (k.startsWith('answers-') && typeof v === 'string' && v) answers[k.slice(8)] = v;
    const result = form.ok
      ? await s.risk.assess(actorOf(req), id, {
          ...form.value!,
          assessedOn: form.value!.assessedOn!,
          answers,
        })
      : { ok: false as const, errors: form.errors };
    if (!result.ok) return formPage(req, reply, form.values, result.errors);
    const r = result.value.result;
    return done(
      req,
      reply,
      r.needsMaracReferral ? `/cases/${id}/marac/new` : `/cases/${id}/risk`,
      `${r.explanation}. ${result.value.banner}`,
    );
  });

  const settingsPage = async (
    req: any,
    reply: any,
    values?: Record<string, unknown>,
    errors?: Record<string, string>,
  ) => {
    const current = await s.risk.settings(req.user!.partnershipId);
    values ??= {
      mediumFrom: current.settings.mediumFrom,
      highFrom: current.settings.highFrom,
      'reassessDays-standard': current.settings.reassessDays.standard,
      'reassessDays-medium': current.settings.reassessDays.medium,
      'reassessDays-high': current.settings.reassessDays.high,
      questionnaire: JSON.stringify(current.settings.questionnaire, null, 2),
    };
    return page(errors ? reply.code(400) : reply, 'risk-settings', {
      title: 'Risk assessment settings',
      version: current.version,
      values,
      errors,
    });
  };

  app.get('/settings/risk-assessment', { config: { access: 'settings.manage' } }, (req, reply) =>
    settingsPage(req, reply),
  );

  app.post('/settings/risk-assessment', { config: { access: 'settings.manage' } }, async (req, reply) => {
    const form = parseForm(settingsSchema, req.body);
    if (!form.ok) return settingsPage(req, reply, form.values, form.errors);
    let questionnaire: unknown;
    try {
      questionnaire = JSON.parse(form.value!.questionnaire);
    } catch (err) {
      return settingsPage(req, reply, form.values, {
        questionnaire: `The questions are not valid JSON: ${(err as Error).message}`,
      });
    }
    const v = form.value!;
    const result = await s.risk.updateSettings(actorOf(req), {
      questionnaire: questionnaire as never,
      mediumFrom: v.mediumFrom,
      highFrom: v.highFrom,
      reassessDays: {
        standard: v['reassessDays-standard'],
        medium: v['reassessDays-medium'],
        high: v['reassessDays-high'],
      },
    });
    if (!result.ok) return settingsPage(req, reply, form.values, result.errors);
    return done(
      req,
      reply,
      '/settings/risk-assessment',
      `Risk assessment settings saved as version ${result.value.version}`,
    );
  });
}
