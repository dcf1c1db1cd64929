import type { FastifyInstance } from 'fastify';
import { parseForm } from '../../platform/web/forms.js';
import { AuditService } from '../../platform/audit/service.js';
import { trackSchema } from '../schemas.js';
import type { ReportServices } from '../services.js';

const NOT_FOUND =
  'We could not find a report with that reference and contact detail. Check both match what you gave when you reported. Anonymous reports cannot be followed online.';

/** Following a report: reference plus the email or phone given; status and public updates only. */
export function registerTrackRoutes(app: FastifyInstance, s: ReportServices, audit: AuditService): void {
  const { reports } = s;
  const pub = { access: 'public' } as const;

  app.get('/report/track', { config: pub }, async (_req, reply) =>
    reply.render('reports/track.njk', { title: 'Follow your report', values: {}, back: '/' }),
  );

  app.post(
    '/report/track',
    { config: { ...pub, rateLimit: { max: 20, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const form = parseForm(trackSchema, req.body);
      if (!form.ok)
        return reply.code(400).render('reports/track.njk', {
          title: 'Follow your report',
          values: form.values,
          errors: form.errors,
          back: '/',
        });
      const found = await reports.track(req.partnershipId, form.value!.reference, form.value!.contact);
      if (!found) {
        return reply.code(400).render('reports/track.njk', {
          title: 'Follow your report',
          values: form.values,
          errors: { reference: NOT_FOUND },
          back: '/',
        });
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
