import type { FastifyInstance } from 'fastify';
import { parseForm } from '../../platform/web/forms.js';
import { AttemptLimiter } from '../../platform/web/attempts.js';
import type { AuditService } from '../../platform/audit/service.js';
import { trackSchema } from '../schemas.js';
import type { ReportServices } from '../services.js';

// One message whether the reference exists or not, so a failure tells an outsider nothing.
const NOT_FOUND =
  'We could not find a report with that reference and tracking code. Check both match your confirmation.';
const FAILURES_PER_REFERENCE = 5;
const REFERENCE_WINDOW_MS = 15 * 60_000;

/** Following a report: reference plus the tracking code sent with the confirmation; status and public updates only. */
export function registerTrackRoutes(app: FastifyInstance, s: ReportServices, audit: AuditService): void {
  const { reports } = s;
  const perReference = new AttemptLimiter(FAILURES_PER_REFERENCE, REFERENCE_WINDOW_MS);
  const pub = { access: 'public' } as const;
  const page = (values: Record<string, unknown>, errors?: Record<string, string>) => ({
    title: 'Follow your report',
    values,
    errors,
    back: '/',
  });

  app.get('/report/track', { config: pub }, async (_req, reply) =>
    reply.render('reports/track.njk', page({})),
  );

  app.post(
    '/report/track',
    { config: { ...pub, rateLimit: { max: 10, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const form = parseForm(trackSchema, req.body);
      if (!form.ok) return reply.code(400).render('reports/track.njk', page(form.values, form.errors));
      const key = `${req.partnershipId}:${form.value!.reference.toUpperCase()}`;
      if (perReference.blocked(key)) {
        return reply.code(429).render(
          'reports/track.njk',
          page(form.values, {
            code: `Too many tries for this reference. Wait ${perReference.minutesLeft(key)} minutes, then try again.`,
          }),
        );
      }
      const found = await reports.track(req.partnershipId, form.value!.reference, form.value!.code);
      if (!found) {
        perReference.fail(key);
        return reply.code(400).render('reports/track.njk', page(form.values, { reference: NOT_FOUND }));
      }
      await audit.record({
        partnershipId: req.partnershipId,
        userLabel: 'public',
        action: 'report.tracked',
        subjectType: 'report',
        subjectId: found.reference,
        ip: req.ip,
        requestId: req.id,
      });
      return reply.render('reports/track-result.njk', {
        title: `Report ${found.reference}`,
        r: found,
        back: '/report/track',
      });
    },
  );
}
