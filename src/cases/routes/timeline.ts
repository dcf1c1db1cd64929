/** The case timeline (MoJ timeline component), newest first. */
import type { FastifyInstance } from 'fastify';
import { asList } from '../../platform/web/forms.js';
import type { CaseServices } from '../services.js';
import { actorOf, params, READ } from './helpers.js';
import { page } from './render.js';

export function registerTimelineRoutes(app: FastifyInstance, s: CaseServices): void {
  app.get('/cases/:id/timeline', { config: READ }, async (req, reply) => {
    const kinds = asList((req.query as Record<string, unknown>)?.kind);
    const v = await s.timeline.forCase(actorOf(req), params(req).id, kinds);
    return page(reply, 'timeline', { title: `Timeline – ${v.c.reference}`, ...v, kinds });
  });
}
