/** The public transparency page and the staff page that chooses what it publishes. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppDeps } from '../platform/module.js';
import { parseForm } from '../platform/web/forms.js';
import { publishSchema, SECTIONS, TransparencyService } from './transparency.js';

const DEFAULT_THRESHOLD = 8;

export function registerTransparencyRoutes(app: FastifyInstance, deps: AppDeps): void {
  const service = new TransparencyService(deps);

  app.get('/transparency', { config: { access: 'public' } }, async (req, reply) => {
    const latest = await service.latest(req.partnershipId);
    return reply.render('plan/transparency.njk', {
      title: 'Anti-social behaviour: our figures and plan',
      latest,
    });
  });

  const publishPage = async (req: FastifyRequest, reply: any, extra: Record<string, unknown> = {}) =>
    reply.render('plan/publish.njk', {
      title: 'Publish the transparency page',
      latest: await service.latest(req.user!.partnershipId),
      sectionItems: Object.entries(SECTIONS).map(([value, text]) => ({ value, text })),
      values: { sections: Object.keys(SECTIONS), threshold: String(DEFAULT_THRESHOLD) },
      ...extra,
    });

  app.get('/plan/transparency', { config: { access: 'plan.manage' } }, (req, reply) =>
    publishPage(req, reply),
  );

  app.post('/plan/transparency', { config: { access: 'plan.manage' } }, async (req, reply) => {
    const form = parseForm(publishSchema, req.body);
    if (!form.ok) {
      reply.code(400);
      return publishPage(req, reply, { errors: form.errors, values: form.values });
    }
    await service.publish(req.user!, form.value!.sections, form.value!.threshold, {
      ip: req.ip,
      requestId: req.id,
    });
    await req.flash('success', 'Published: the transparency page now shows these figures');
    return reply.redirect('/plan/transparency');
  });
}
