/** The powers ladder: a case's steps, recording a step, breaches and outcomes, a person's ladder, expiring soon. */
import type { FastifyInstance } from 'fastify';
import { parseForm } from '../../platform/web/forms.js';
import type { CaseServices } from '../services.js';
import { breachSchema, ladderStepSchema, STEP_OUTCOMES, stepOutcomeSchema } from '../schemas.js';
import { itemsOf, PARTY_ROLES } from '../labels.js';
import { POWER_KEYS, powerInfo } from '../rules/powers-ladder.js';
import type { StepIssue } from '../rules/powers-ladder.js';
import { splitDate } from '../form-dates.js';
import { actorOf, bodyWithDates, done, MANAGE, params, query, READ } from './helpers.js';
import { page } from './render.js';

const STEP_DATES = ['issuedOn', 'expiresOn', 'reviewOn'];

export function registerLadderRoutes(app: FastifyInstance, s: CaseServices): void {
  app.get('/cases/:id/powers', { config: READ }, async (req, reply) => {
    const v = await s.ladder.forCase(actorOf(req), params(req).id);
    return page(reply, 'powers', { title: `Powers – ${v.c.reference}`, ...v });
  });

  const newPage = async (
    req: any,
    reply: any,
    values: Record<string, unknown>,
    errors?: Record<string, string>,
    warnings: StepIssue[] = [],
  ) => {
    const id = params(req).id;
    const { c, access } = await s.cases.header(actorOf(req), id, 'manage');
    const settings = await s.ladder.settings(c.partnership_id);
    const [parties, places] = await Promise.all([s.cases.repo.parties(id), s.cases.repo.places(id)]);
    const subjectItems = [
      { value: '', text: 'Choose a person or premises' },
      ...parties.map((p) => ({
        value: `party:${p.id}`,
        text: `${p.display_name} (${PARTY_ROLES[p.role as keyof typeof PARTY_ROLES] ?? p.role})`,
      })),
      ...places.map((pl) => ({ value: `place:${pl.id}`, text: `${pl.label} (${pl.kind})` })),
    ];
    const powers = POWER_KEYS.map((k) => powerInfo(k, settings));
    return page(errors ? reply.code(400) : reply, 'power-new', {
      title: 'Record a step on the powers ladder',
      c,
      access,
      values,
      errors,
      warnings,
      subjectItems,
      powerItems: [
        { value: '', text: 'Choose a step or power' },
        ...powers.map((p) => ({ value: p.key, text: p.name })),
      ],
      powers,
    });
  };

  app.get('/cases/:id/powers/new', { config: MANAGE }, async (req, reply) => {
    const q = query(req);
    const values: Record<string, unknown> = { subject: q.subject ?? '', power: q.power ?? '' };
    splitDate(values, 'issuedOn', s.cases.ctx.today());
    return newPage(req, reply, values);
  });

  app.post('/cases/:id/powers/new', { config: MANAGE }, async (req, reply) => {
    const id = params(req).id;
    const form = parseForm(ladderStepSchema, bodyWithDates(req, STEP_DATES));
    const result = form.ok
      ? await s.ladder.record(actorOf(req), id, form.value!)
      : { ok: false as const, errors: form.errors, warnings: [] };
    if (!result.ok) return newPage(req, reply, form.values, result.errors, result.warnings);
    const info = powerInfo(form.value!.power);
    return done(
      req,
      reply,
      `/cases/${id}/powers/${result.value.id}`,
      `${info.name} recorded` +
        (result.warnings.length
          ? ` with ${result.warnings.length} warning${result.warnings.length > 1 ? 's' : ''}`
          : ''),
    );
  });

  const stepPage = async (
    req: any,
    reply: any,
    values: Record<string, unknown> = {},
    errors?: Record<string, string>,
  ) => {
    const { id, stepId } = params(req);
    const v = await s.ladder.step(actorOf(req), id, stepId);
    if (!values['breachedOn-day']) splitDate(values, 'breachedOn', s.cases.ctx.today());
    if (!values['outcomeOn-day']) splitDate(values, 'outcomeOn', s.cases.ctx.today());
    return page(errors ? reply.code(400) : reply, 'power-step', {
      title: v.step.info.name,
      ...v,
      values,
      errors,
      outcomeItems: itemsOf(STEP_OUTCOMES),
    });
  };

  app.get('/cases/:id/powers/:stepId', { config: READ }, (req, reply) => stepPage(req, reply));

  app.post('/cases/:id/powers/:stepId/breaches', { config: MANAGE }, async (req, reply) => {
    const { id, stepId } = params(req);
    const form = parseForm(breachSchema, bodyWithDates(req, ['breachedOn']));
    const result = form.ok
      ? await s.ladder.addBreach(actorOf(req), id, stepId, form.value!)
      : { ok: false as const, errors: form.errors };
    if (!result.ok) return stepPage(req, reply, form.values, result.errors);
    return done(req, reply, `/cases/${id}/powers/${stepId}`, 'Breach recorded');
  });

  app.post('/cases/:id/powers/:stepId/outcome', { config: MANAGE }, async (req, reply) => {
    const { id, stepId } = params(req);
    const form = parseForm(stepOutcomeSchema, bodyWithDates(req, ['outcomeOn']));
    const result = form.ok
      ? await s.ladder.recordOutcome(actorOf(req), id, stepId, form.value!)
      : { ok: false as const, errors: form.errors };
    if (!result.ok) return stepPage(req, reply, form.values, result.errors);
    return done(req, reply, `/cases/${id}/powers/${stepId}`, 'Outcome recorded');
  });

  app.get('/cases/people/:personId/ladder', { config: READ }, async (req, reply) => {
    const v = await s.ladder.personLadder(actorOf(req), params(req).personId);
    return page(reply, 'person-ladder', { title: `Powers ladder: ${v.personName}`, ...v });
  });

  app.get('/expiring-soon', { config: READ }, async (req, reply) => {
    const days = Math.min(365, Math.max(1, Number(query(req).days) || 28));
    const rows = await s.ladder.expiringSoon(actorOf(req), days);
    return page(reply, 'expiring', { title: 'Expiring soon', rows, days });
  });
}
