/** Patrol shifts, joint operations and the benefits view. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../platform/module.js';
import { parseForm } from '../../platform/web/forms.js';
import { can } from '../../platform/permissions/roles.js';
import { joinDates, splitDate } from '../../cases/form-dates.js';
import { todayInLondon } from '../../platform/dates/calendar-date.js';
import { placeNames } from '../../reports/geo/gazetteer.js';
import { operationSchema, shiftSchema } from '../patrols-service.js';
import type { OperationsServices } from '../services.js';

type Body = Record<string, unknown>;

export function registerPatrolRoutes(app: FastifyInstance, deps: AppDeps, s: OperationsServices): void {
  const patrols = s.patrols;
  const places = () => [
    { value: '', text: 'Choose a place' },
    ...placeNames().map((n) => ({ value: n, text: n })),
  ];
  const today = () => todayInLondon(deps.clock.now());

  app.get('/operations/patrols', { config: { access: 'operations.read' } }, async (req, reply) =>
    reply.render('operations/patrols.njk', {
      title: 'Patrols and joint operations',
      ...(await patrols.list(req.user!.partnershipId)),
      canRecord: can(req.user!.role, 'operations.record'),
    }),
  );

  const form =
    (page: 'shift' | 'operation') =>
    async (req: FastifyRequest, reply: FastifyReply, values: Body, errors?: Record<string, string>) => {
      if (errors) reply.code(400);
      return reply.render(`operations/${page}-new.njk`, {
        title: page === 'shift' ? 'Record a patrol shift' : 'Record a joint operation',
        values,
        errors,
        places: places(),
      });
    };
  const shiftPage = form('shift');
  const operationPage = form('operation');

  app.get('/operations/patrols/new', { config: { access: 'operations.record' } }, async (req, reply) => {
    const values: Body = { radius: '300' };
    splitDate(values, 'on', today());
    return shiftPage(req, reply, values);
  });

  app.post('/operations/patrols', { config: { access: 'operations.record' } }, async (req, reply) => {
    const f = parseForm(shiftSchema, joinDates(req.body, ['on']));
    const errors = f.ok ? await patrols.recordShift(req.user!, f.value!) : f.errors;
    if (Object.keys(errors).length) return shiftPage(req, reply, f.values, errors);
    await req.flash('success', 'Patrol shift recorded');
    return reply.redirect('/operations/patrols', 303);
  });

  app.get('/operations/joint/new', { config: { access: 'operations.record' } }, async (req, reply) => {
    const values: Body = { radius: '300' };
    splitDate(values, 'heldOn', today());
    return operationPage(req, reply, values);
  });

  app.post('/operations/joint', { config: { access: 'operations.record' } }, async (req, reply) => {
    const f = parseForm(operationSchema, joinDates(req.body, ['heldOn']));
    const r = f.ok ? await patrols.recordOperation(req.user!, f.value!) : { errors: f.errors };
    if (Object.keys(r.errors).length) return operationPage(req, reply, f.values, r.errors);
    await req.flash('success', 'Joint operation recorded');
    return reply.redirect(`/operations/joint/${'id' in r ? r.id : ''}`, 303);
  });

  app.get('/operations/joint/:id', { config: { access: 'operations.read' } }, async (req, reply) => {
    const v = await patrols.operationView(req.user!, (req.params as { id: string }).id);
    return reply.render('operations/joint.njk', { title: v.op.name, ...v });
  });
}
