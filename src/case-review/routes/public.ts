/** Public pages: how the ASB Case Review works and its threshold, and the published figures (no personal data). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { stringify } from 'csv-stringify/sync';
import type { CaseReviewService } from '../service.js';
import { readDate } from '../form-dates.js';
import { financialYears, lastTwelveMonths, published, statisticsFor } from '../statistics-service.js';
import { splitDate } from '../form-dates.js';
import { page, PUBLIC, query } from './helpers.js';

/** The period asked for (from/to as YYYY-MM-DD or as date boxes), or the last 12 months. */
function periodOf(req: FastifyRequest, s: CaseReviewService) {
  const q = query(req) as Record<string, unknown>;
  const today = s.ctx.today();
  const asked = ['from', 'to', 'from-day', 'to-day', 'from-year', 'to-year'].some((k) => q[k]);
  if (!asked) return { period: lastTwelveMonths(s.deps.clock.now()), errors: {}, values: {} };
  const from = readDate(q, 'from', 'the start of the period', { required: true, notAfter: today });
  const to = readDate(q, 'to', 'the end of the period', { required: true });
  const errors: Record<string, string> = {};
  if (from.error) errors.from = from.error;
  if (to.error) errors.to = to.error;
  if (from.value && to.value && from.value > to.value)
    errors.to = 'The end of the period must be the same as or after the start';
  const values: Record<string, unknown> = { ...q };
  splitDate(values, 'from', typeof q.from === 'string' ? q.from : null);
  splitDate(values, 'to', typeof q.to === 'string' ? q.to : null);
  return Object.keys(errors).length
    ? { period: null, errors, values }
    : { period: { from: from.value!, to: to.value! }, errors, values };
}

export function registerPublicRoutes(app: FastifyInstance, s: CaseReviewService): void {
  app.get('/case-review', { config: PUBLIC }, async (req, reply) => {
    const settings = await s.settings(req.partnershipId);
    return page(reply, 'public/about', { title: 'Ask for an ASB Case Review', settings });
  });

  app.get('/case-review/statistics', { config: PUBLIC }, async (req, reply) => {
    const { period, errors, values } = periodOf(req, s);
    if (!period) {
      return page(
        reply,
        'public/statistics',
        { title: 'ASB Case Review figures', errors, values, years: financialYears(s.deps.clock.now()) },
        400,
      );
    }
    const figures = published(await statisticsFor(s.deps, req.partnershipId, period));
    if (!Object.keys(values).length) {
      splitDate(values, 'from', period.from);
      splitDate(values, 'to', period.to);
    }
    const qs = `from=${period.from}&to=${period.to}`;
    return page(reply, 'public/statistics', {
      title: 'ASB Case Review figures',
      figures,
      values,
      qs,
      years: financialYears(s.deps.clock.now()),
    });
  });

  app.get('/case-review/statistics.json', { config: PUBLIC }, async (req, reply) => {
    const { period, errors } = periodOf(req, s);
    if (!period) return reply.code(400).send({ errors });
    return reply.send(published(await statisticsFor(s.deps, req.partnershipId, period)));
  });

  app.get('/case-review/statistics.csv', { config: PUBLIC }, async (req, reply) => {
    const { period, errors } = periodOf(req, s);
    if (!period) return reply.code(400).type('text/plain').send(Object.values(errors).join('\n'));
    const f = published(await statisticsFor(s.deps, req.partnershipId, period));
    const csv = stringify([
      [
        'period_from',
        'period_to',
        'applications_received',
        'threshold_not_met',
        'reviews_carried_out',
        'reviews_with_recommendations',
      ],
      [f.from, f.to, f.applications, f.thresholdNotMet, f.reviewsCarriedOut, f.reviewsWithRecommendations],
    ]);
    return reply
      .type('text/csv; charset=utf-8')
      .header(
        'content-disposition',
        `attachment; filename="asb-case-review-figures-${f.from}-to-${f.to}.csv"`,
      )
      .send(csv);
  });
}
