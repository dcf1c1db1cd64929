import type { FastifyInstance, FastifyRequest } from 'fastify';
import { stringify } from 'csv-stringify/sync';
import type { AppDeps } from '../platform/module.js';
import { parseForm } from '../platform/web/forms.js';
import { notFound } from '../platform/web/errors.js';
import { dateItems, joinDates } from '../cases/form-dates.js';
import { scheduleRetention } from './job.js';
import { RetentionService } from './retention-service.js';
import { SarService } from './sar-service.js';
import { registerSarRoutes } from './sar-routes.js';
import { registerPersonPrivacyRoutes } from './person-routes.js';
import { holdSchema, scheduleSchema } from './schemas.js';
import { processingRows } from './processing.js';

const meta = (r: { ip: string; id: string }) => ({ ip: r.ip, requestId: r.id });
const access = { config: { access: 'privacy.manage' as const } };

export function registerPrivacyRoutes(app: FastifyInstance, deps: AppDeps): void {
  const retention = new RetentionService(deps);
  const sars = new SarService(deps);
  app.addHook('onReady', async () => {
    await scheduleRetention(deps).catch((err: Error) =>
      deps.log.warn({ err: err.message }, 'retention not scheduled'),
    );
  });

  const dashboard = async (req: FastifyRequest, extra: Record<string, unknown> = {}) => {
    const pid = req.user!.partnershipId;
    const [requests, preview, holds, runs] = await Promise.all([
      sars.list(req.user!),
      retention.run(pid, { preview: true, aheadDays: 30, requestedBy: req.user!.name }),
      retention.holds(pid),
      retention.runs(pid),
    ]);
    return {
      title: 'Data protection',
      requests,
      overdue: requests.filter((r) => r.overdue).length,
      preview: preview.types.filter((t) => t.action !== 'keep'),
      holds,
      runs: runs.map((r) => ({ ...r, summary: JSON.parse(r.summary) as Record<string, { done?: number }> })),
      values: {},
      errors: {},
      reviewItems: dateItems(
        (extra.values ?? {}) as Record<string, unknown>,
        'reviewOn',
        !!(extra.errors as Record<string, string> | undefined)?.reviewOn,
      ),
      ...extra,
    };
  };

  app.get('/data-protection', access, async (req, reply) =>
    reply.render('privacy/index.njk', await dashboard(req)),
  );

  app.post('/data-protection/holds', access, async (req, reply) => {
    const form = parseForm(holdSchema, joinDates(req.body, ['reviewOn']));
    if (!form.ok)
      return reply
        .code(400)
        .render('privacy/index.njk', await dashboard(req, { values: form.values, errors: form.errors }));
    await retention.placeHold(req.user!, form.value!, meta(req));
    await req.flash(
      'success',
      'Legal hold placed: retention will leave the record alone until it is released',
    );
    return reply.redirect('/data-protection');
  });

  app.post('/data-protection/holds/:id/release', access, async (req, reply) => {
    await retention.releaseHold(req.user!, (req.params as { id: string }).id, meta(req));
    await req.flash('success', 'Legal hold released');
    return reply.redirect('/data-protection');
  });

  app.post('/data-protection/retention/run', access, async (req, reply) => {
    const r = await retention.run(req.user!.partnershipId, { requestedBy: req.user!.name });
    const done = r.types.reduce((n, t) => n + t.done.length, 0);
    await req.flash('success', `Retention run finished: ${done} record${done === 1 ? '' : 's'} dealt with`);
    return reply.redirect('/data-protection');
  });

  const schedulesPage = async (req: FastifyRequest, extra: Record<string, unknown> = {}) => {
    const pid = req.user!.partnershipId;
    const agencies = await deps.db
      .selectFrom('agencies')
      .select(['id', 'name'])
      .where('partnership_id', '=', pid)
      .orderBy('name')
      .execute();
    const rows = await processingRows(deps, pid);
    return { title: 'Retention schedules', rows, agencies, values: {}, errors: {}, ...extra };
  };
  app.get('/data-protection/schedules', access, async (req, reply) =>
    reply.render('privacy/schedules.njk', await schedulesPage(req)),
  );
  app.post('/data-protection/schedules/:recordType', access, async (req, reply) => {
    const recordType = (req.params as { recordType: string }).recordType;
    const page = await schedulesPage(req);
    if (!page.rows.some((r) => r.code === recordType)) throw notFound('Record type');
    const form = parseForm(scheduleSchema, req.body);
    if (form.ok && form.value!.agencyId && !page.agencies.some((a) => a.id === form.value!.agencyId)) {
      form.ok = false;
      form.errors.agencyId = 'Select an agency from the list';
    }
    if (!form.ok)
      return reply
        .code(400)
        .render(
          'privacy/schedules.njk',
          await schedulesPage(req, { values: form.values, errors: form.errors, editing: recordType }),
        );
    await retention.saveSchedule(req.user!, { recordType, ...form.value! }, meta(req));
    await req.flash('success', 'Retention schedule saved');
    return reply.redirect('/data-protection/schedules');
  });

  app.get('/data-protection/processing', access, async (req, reply) =>
    reply.render('privacy/processing.njk', {
      title: 'Records of processing',
      rows: await processingRows(deps, req.user!.partnershipId),
    }),
  );
  app.get('/data-protection/processing.csv', access, async (req, reply) => {
    const rows = await processingRows(deps, req.user!.partnershipId);
    const csv = stringify([
      ['record_type', 'module', 'table', 'holds', 'personal_columns', 'lawful_basis', 'retention', 'trigger'],
      ...rows.flatMap((r) =>
        r.tables.map((t) => [
          r.label,
          t.module,
          t.table,
          t.holds,
          t.personal.join(' '),
          r.lawfulBasis,
          r.retention,
          r.trigger,
        ]),
      ),
    ]);
    return reply
      .type('text/csv; charset=utf-8')
      .header(
        'content-disposition',
        `attachment; filename="records-of-processing-${deps.clock.iso().slice(0, 10)}.csv"`,
      )
      .send(csv);
  });

  registerSarRoutes(app, deps);
  registerPersonPrivacyRoutes(app, deps);
}
