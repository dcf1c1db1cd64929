import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../platform/module.js';
import { parseForm } from '../../platform/web/forms.js';
import { can } from '../../platform/permissions/roles.js';
import { joinDates, splitDate } from '../../cases/form-dates.js';
import { todayInLondon } from '../../platform/dates/calendar-date.js';
import { countSchema } from '../counts-service.js';
import type { OperationsServices } from '../services.js';

import { SUPPORT, labelsOf } from '../labels.js';
import { registerContactRoutes, meta } from './contacts.js';
import { registerPeopleRoutes } from './people.js';
import { registerPatrolRoutes } from './patrols.js';
import { registerCampaignRoutes } from './campaigns.js';

export function registerOperationsRoutes(
  app: FastifyInstance,
  deps: AppDeps,
  services: { operations: OperationsServices },
): void {
  const s = services.operations;
  const { outreach, counts } = s;

  app.get('/operations', { config: { access: 'operations.read' } }, async (req, reply) => {
    const v = await outreach.list(req.user!, meta(req));
    return reply.render('operations/index.njk', {
      title: 'Street outreach',
      ...v,
      recent: v.recent.map((r) => ({ ...r, offered: labelsOf(SUPPORT, outreach.parse(r.support_offered)) })),
      canRecord: can(req.user!.role, 'operations.record'),
      canSafeguard: can(req.user!.role, 'safeguarding.read'),
    });
  });

  registerContactRoutes(app, s);
  registerPeopleRoutes(app, deps, s);
  registerPatrolRoutes(app, deps, s);
  registerCampaignRoutes(app, deps, s);

  const countsPage = async (
    req: any,
    reply: any,
    values: Record<string, unknown>,
    errors?: Record<string, string>,
  ) => {
    const table = await counts.table(req.user!.partnershipId);
    if (errors) reply.code(400);
    const max = Math.max(1, ...table.months.map((m) => m.total));
    return reply.render('operations/counts.njk', {
      title: 'Rough sleeping street counts',
      table,
      max,
      values,
      errors,
      canRecord: can(req.user!.role, 'operations.record'),
    });
  };

  app.get('/operations/counts', { config: { access: 'operations.read' } }, async (req, reply) => {
    const values: Record<string, unknown> = {};
    splitDate(values, 'night', todayInLondon(deps.clock.now()));
    return countsPage(req, reply, values);
  });

  app.post('/operations/counts', { config: { access: 'operations.record' } }, async (req, reply) => {
    const form = parseForm(countSchema, joinDates(req.body, ['night']));
    const errors = form.ok ? await counts.record(req.user!, form.value!) : form.errors;
    if (Object.keys(errors).length) return countsPage(req, reply, form.values, errors);
    await req.flash(
      'success',
      `Count recorded: ${form.value!.total} in ${form.value!.area} on ${form.value!.night}`,
    );
    return reply.redirect('/operations/counts', 303);
  });
}
