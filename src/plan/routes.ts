import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../platform/module.js';
import { parseForm } from '../platform/web/forms.js';
import { can } from '../platform/permissions/roles.js';
import { readDate } from '../case-review/form-dates.js';
import { RAG_LABELS, recordSchema } from './service.js';
import type { PlanServices } from './services.js';
import { PlanFiguresService } from './figures-service.js';
import { planFigures } from './figures.js';
import { RAGS } from './tables.js';
import { registerPlanExchangeRoutes } from './routes-exchange.js';
import { registerTransparencyRoutes } from './routes-transparency.js';

const RAG_ITEMS = RAGS.map((value) => ({ value, text: RAG_LABELS[value] }));
const meta = (r: FastifyRequest) => ({ ip: r.ip, requestId: r.id });
type Req = FastifyRequest<{ Params: { id: string }; Querystring: Record<string, string> }>;

const detailsSchema = z.object({
  owner: z.string().trim().min(1, 'Enter the owning teams').max(200, 'Owner must be 200 characters or fewer'),
  leadOfficerId: z.string().trim().default(''),
});

const targetSchema = z.object({
  figureKey: z.string().trim().min(1, 'Select a figure'),
  figureTarget: z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?$/, 'Enter the target as a number, like 12 or 75.5')
    .transform(Number),
});

const dateParts = (name: string, iso: string | null) => {
  const [y, m, d] = iso ? iso.split('-') : ['', '', ''];
  return {
    [`${name}-day`]: d ? String(Number(d)) : '',
    [`${name}-month`]: m ? String(Number(m)) : '',
    [`${name}-year`]: y,
  };
};

export function registerPlanRoutes(
  app: FastifyInstance,
  deps: AppDeps,
  services: { plan: PlanServices },
): void {
  const { plan } = services.plan;
  const figures = new PlanFiguresService(deps);

  app.get('/plan', { config: { access: 'staff.home' } }, async (req: Req, reply) => {
    const year = req.query.year && /^\d{4}$/.test(req.query.year) ? Number(req.query.year) : undefined;
    const o = await plan.overview(req.user!.partnershipId, year);
    return reply.render('plan/list.njk', {
      title: o.plan ? o.plan.title : 'Action plan',
      ...o,
      canManage: can(req.user!.role, 'plan.manage'),
      nextExists: !!o.plan && o.plans.some((p) => p.year === o.plan!.year + 1),
    });
  });

  const detail = async (req: Req, reply: FastifyReply, extra: Record<string, unknown> = {}) => {
    const d = await plan.action(req.user!.partnershipId, req.params.id);
    const canUpdate = plan.canUpdate(req.user!, d.action);
    return reply.render('plan/action.njk', {
      title: `Action ${d.action.number}: ${d.action.title}`,
      ...d,
      figures: await figures.forAction(req.user!.partnershipId, d.action),
      figureItems: planFigures().map((p) => ({ value: p.key, text: p.label })),
      ragItems: RAG_ITEMS,
      ragLabels: RAG_LABELS,
      canUpdate,
      officers: canUpdate ? await plan.officers(req.user!.partnershipId) : [],
      values: { rag: d.action.rag },
      detailValues: {
        owner: d.action.owner,
        leadOfficerId: d.action.lead_officer_id ?? '',
        ...dateParts('targetDate', d.action.target_date),
      },
      targetValues: { figureKey: d.action.figure_key ?? '', figureTarget: d.action.figure_target ?? '' },
      ...extra,
    });
  };
  app.get('/plan/:id', { config: { access: 'staff.home' } }, (req: Req, reply) => detail(req, reply));

  // Lead officers update their own actions; the service checks who may.
  app.post('/plan/:id', { config: { access: 'staff.home' } }, async (req: Req, reply) => {
    const form = parseForm(recordSchema, req.body);
    const errors = form.ok
      ? await plan.record(req.user!, req.params.id, form.value!, meta(req))
      : form.errors;
    if (errors) {
      reply.code(400);
      return detail(req, reply, { errors, values: form.values });
    }
    await req.flash(
      'success',
      form.value!.reason ? 'Status changed and progress recorded' : 'Progress recorded',
    );
    return reply.redirect(`/plan/${req.params.id}`);
  });

  app.post('/plan/:id/details', { config: { access: 'staff.home' } }, async (req: Req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const form = parseForm(detailsSchema, body);
    const target = readDate(body, 'targetDate', 'the target date');
    const errors = { ...form.errors, ...(target.error ? { targetDate: target.error } : {}) };
    if (!form.ok || target.error) {
      reply.code(400);
      return detail(req, reply, { errors, detailValues: form.values });
    }
    await plan.editDetails(
      req.user!,
      req.params.id,
      {
        owner: form.value!.owner,
        leadOfficerId: form.value!.leadOfficerId || null,
        targetDate: target.value,
      },
      meta(req),
    );
    await req.flash('success', 'Owner, lead officer and target date saved');
    return reply.redirect(`/plan/${req.params.id}`);
  });

  app.post('/plan/:id/target', { config: { access: 'staff.home' } }, async (req: Req, reply) => {
    const form = parseForm(targetSchema, req.body);
    if (!form.ok || !planFigures().some((p) => p.key === form.value!.figureKey)) {
      reply.code(400);
      return detail(req, reply, {
        errors: form.ok ? { figureKey: 'Select a figure' } : form.errors,
        targetValues: form.values,
      });
    }
    await plan.setTarget(
      req.user!,
      req.params.id,
      form.value!.figureKey,
      form.value!.figureTarget,
      meta(req),
    );
    await req.flash('success', 'Target saved');
    return reply.redirect(`/plan/${req.params.id}`);
  });

  app.post('/plan/years/:id/next', { config: { access: 'plan.manage' } }, async (req: Req, reply) => {
    const next = await plan.copyToNextYear(req.user!, req.params.id, meta(req));
    await req.flash('success', `The ${next.year} plan has started with the actions not yet complete`);
    return reply.redirect(`/plan?year=${next.year}`);
  });

  registerPlanExchangeRoutes(app, deps);
  registerTransparencyRoutes(app, deps);
}
