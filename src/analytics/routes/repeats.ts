import type { FastifyInstance } from 'fastify';
import { repeatModel } from '../analysis/repeat-model.js';
import { previousPeriod } from '../months.js';
import { filterContext, filterView, READ } from './context.js';
import type { AnalyticsServices } from '../services.js';

export function registerRepeatRoutes(app: FastifyInstance, s: AnalyticsServices): void {
  app.get('/analysis/repeats', { config: READ }, async (req, reply) => {
    const f = await filterContext(s.analytics, req, { monthsBack: 6 });
    let model = null;
    if (f.query) {
      const q = f.query;
      const pid = req.user!.partnershipId;
      const [records, premises] = await Promise.all([
        f.service.records(pid, {
          source: q.source.code,
          category: q.category,
          monthFrom: previousPeriod(q.from, q.to).from,
          monthTo: q.to,
          areaCode: q.areaCode || undefined,
        }),
        f.service.premises(pid),
      ]);
      model = repeatModel(records, q.from, q.to, premises);
    }
    reply.code(Object.keys(f.errors).length ? 400 : 200);
    return reply.render('analytics/repeats.njk', {
      title: 'Repeat locations',
      tab: 'repeats',
      filters: filterView(f, '/analysis/repeats', true),
      values: f.values,
      errors: f.errors,
      query: f.query,
      model,
    });
  });
}
