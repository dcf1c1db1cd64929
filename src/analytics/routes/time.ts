import type { FastifyInstance } from 'fastify';
import { hourWeekdayView, trendView } from '../analysis/time-model.js';
import { trendChartSvg } from '../analysis/svg.js';
import { filterContext, filterView, READ } from './context.js';
import type { AnalyticsServices } from '../services.js';

export function registerTimeRoutes(app: FastifyInstance, s: AnalyticsServices): void {
  app.get('/analysis/time', { config: READ }, async (req, reply) => {
    const f = await filterContext(s.analytics, req);
    let view = null;
    if (f.query) {
      const q = f.query;
      const source = q.source;
      const history = await f.service.records(req.user!.partnershipId, {
        source: source.code,
        category: q.category,
        monthFrom: source.firstMonth as string,
        monthTo: q.to,
        areaCode: q.areaCode || undefined,
      });
      const inPeriod = history.filter((r) => r.month >= q.from);
      const trend = trendView(history, q.from, q.to, source.firstMonth as string);
      const what = `${q.category || 'All categories'}, ${source.name}`;
      view = {
        trend,
        hourWeekday: source.hasTimes ? hourWeekdayView(inPeriod) : null,
        chart: trendChartSvg(
          trend.points,
          'trend-chart',
          `Records a month, ${what}, ${q.from} to ${q.to}; the table below gives the figures`,
        ),
        what,
      };
    }
    reply.code(Object.keys(f.errors).length ? 400 : 200);
    return reply.render('analytics/time.njk', {
      title: 'Time',
      tab: 'time',
      filters: filterView(f, '/analysis/time', true),
      values: f.values,
      errors: f.errors,
      query: f.query,
      view,
    });
  });
}
