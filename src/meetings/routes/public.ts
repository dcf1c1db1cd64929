import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../platform/module.js';
import { notFound } from '../../platform/web/errors.js';
import { formatLongDate } from '../../platform/dates/index.js';
import type { MeetingServices } from '../services.js';

const ICS = 'text/calendar; charset=utf-8';

/** The public calendar of Cluster Panels and other public meetings, and its iCalendar feeds. No sign-in. */
export function registerCalendarRoutes(app: FastifyInstance, deps: AppDeps, s: MeetingServices): void {
  const base = deps.config.baseUrl.replace(/\/$/, '');

  app.get('/calendar', { config: { access: 'public' } }, async (req, reply) => {
    const pid = req.partnershipId;
    const [meetings, series] = await Promise.all([
      s.calendar.meetings(pid, { months: 12 }),
      s.calendar.publicSeries(pid),
    ]);
    const rows = meetings.map((m) => ({ ...m, dateText: formatLongDate(m.date) }));
    reply.header('cache-control', 'public, max-age=300');
    return reply.render('meetings/calendar.njk', {
      title: 'Public meetings calendar',
      meetings: rows,
      series,
      baseUrl: base,
    });
  });

  app.get('/calendar.ics', { config: { access: 'public' } }, async (req, reply) => {
    const meetings = await s.calendar.meetings(req.partnershipId);
    return reply
      .type(ICS)
      .header('cache-control', 'public, max-age=900')
      .send(s.calendar.ics('Public meetings', meetings, base));
  });

  app.get('/calendar/:code.ics', { config: { access: 'public' } }, async (req, reply) => {
    const code = String((req.params as { code: string }).code).toUpperCase();
    const series = (await s.calendar.publicSeries(req.partnershipId)).find((x) => x.code === code);
    if (!series) throw notFound('Calendar');
    const meetings = await s.calendar.meetings(req.partnershipId, { seriesId: series.id });
    return reply
      .type(ICS)
      .header('cache-control', 'public, max-age=900')
      .send(s.calendar.ics(series.name, meetings, base));
  });
}
