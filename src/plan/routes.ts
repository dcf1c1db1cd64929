import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../platform/module.js';
import { parseForm } from '../platform/web/forms.js';
import { can } from '../platform/permissions/roles.js';
import { updateSchema } from './service.js';
import type { PlanServices } from './services.js';

const RAG_ITEMS = [
  { value: 'red', text: 'Red: not complete' },
  { value: 'amber', text: 'Amber: in progress' },
  { value: 'green', text: 'Green: complete' },
];

export function registerPlanRoutes(
  app: FastifyInstance,
  _deps: AppDeps,
  services: { plan: PlanServices },
): void {
  const { plan } = services.plan;

  app.get('/plan', { config: { access: 'staff.home' } }, async (req, reply) => {
    const { actions, counts } = await plan.list(req.user!.partnershipId);
    return reply.render('plan/list.njk', { title: 'Action plan', actions, counts });
  });

  const detail = async (req: any, reply: any, extra: Record<string, unknown> = {}) => {
    const d = await plan.get(req.user!.partnershipId, req.params.id);
    return reply.render('plan/action.njk', {
      title: `Action ${d.action.number}`,
      ...d,
      ragItems: RAG_ITEMS,
      canUpdate: can(req.user!.role, 'plan.manage'),
      values: { rag: d.action.rag },
      ...extra,
    });
  };
  app.get('/plan/:id', { config: { access: 'staff.home' } }, (req, reply) => detail(req, reply));

  app.post('/plan/:id', { config: { access: 'plan.manage' } }, async (req, reply) => {
    const form = parseForm(updateSchema, req.body);
    if (!form.ok) {
      reply.code(400);
      return detail(req, reply, { errors: form.errors, values: form.values });
    }
    await plan.update(req.user!, (req.params as any).id, form.value!, { ip: req.ip, requestId: req.id });
    await req.flash('success', 'Progress recorded');
    return reply.redirect(`/plan/${(req.params as any).id}`);
  });
}
