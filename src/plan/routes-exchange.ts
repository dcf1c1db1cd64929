/** Pages for the plan's files and the board: export, import with a dry run, board report and dates. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppDeps } from '../platform/module.js';
import { can } from '../platform/permissions/roles.js';
import { readUploads } from '../analytics/routes/uploads.js';
import { readDate } from '../case-review/form-dates.js';
import { CONTENT_TYPES, EXPORT_FORMATS, type ExportFormat } from './exchange.js';
import { PlanExchangeService } from './exchange-service.js';
import { FIELD_LABELS } from './import.js';
import { PlanBoardService } from './board.js';
import { boardReportPdf } from './board-pdf.js';
import { actorOf, RAG_LABELS } from './service.js';
import { barsOf, PlanDashboardService } from './dashboard.js';

const meta = (r: FastifyRequest) => ({ ip: r.ip, requestId: r.id });
type Req = FastifyRequest<{ Params: { id: string }; Querystring: Record<string, string> }>;
const yearOf = (q: Record<string, string>) => (q.year && /^\d{4}$/.test(q.year) ? Number(q.year) : undefined);

export function registerPlanExchangeRoutes(app: FastifyInstance, deps: AppDeps): void {
  const exchange = new PlanExchangeService(deps);
  const board = new PlanBoardService(deps);

  app.get('/plan/export', { config: { access: 'staff.home' } }, async (req: Req, reply) => {
    const format = req.query.format as ExportFormat;
    if (!EXPORT_FORMATS.includes(format)) {
      reply.code(400);
      return reply.send('Choose a format: html, csv, xlsx or ods');
    }
    const file = await exchange.export(actorOf(req.user!), format, yearOf(req.query), meta(req));
    return reply
      .header('content-type', CONTENT_TYPES[format])
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .send(file.body);
  });

  const importPage = (reply: any, extra: Record<string, unknown> = {}) =>
    reply.render('plan/import.njk', { title: 'Import an edited plan', ...extra });

  app.get('/plan/import', { config: { access: 'plan.manage' } }, (_req, reply) => importPage(reply));

  app.post('/plan/import', { config: { access: 'plan.manage' } }, async (req: Req, reply) => {
    const { files, tooLarge } = await readUploads(req);
    if (tooLarge || !files[0]) {
      reply.code(400);
      return importPage(reply, {
        errors: {
          file: tooLarge ? 'The file must be smaller than 25 MB' : 'Choose the edited XLSX or CSV file',
        },
      });
    }
    const result = await exchange.import(
      actorOf(req.user!),
      files[0],
      { year: yearOf(req.query) },
      meta(req),
    );
    if (result.errors.length) {
      reply.code(400);
      return importPage(reply, {
        errors: { file: 'The file cannot be imported: nothing was changed' },
        problems: result.errors,
      });
    }
    if (!result.importId) return importPage(reply, { unchanged: true, fileName: files[0].name });
    return reply.redirect(`/plan/import/${result.importId}`);
  });

  app.get('/plan/import/:id', { config: { access: 'plan.manage' } }, async (req: Req, reply) => {
    const p = await exchange.pending(req.user!.partnershipId, req.params.id);
    return reply.render('plan/import-check.njk', {
      title: 'Check the changes before importing',
      ...p,
      fieldLabels: FIELD_LABELS,
      ragLabels: RAG_LABELS,
    });
  });

  app.post('/plan/import/:id', { config: { access: 'plan.manage' } }, async (req: Req, reply) => {
    const { plan, count } = await exchange.confirm(actorOf(req.user!), req.params.id, meta(req));
    await req.flash(
      'success',
      `${count} ${count === 1 ? 'change' : 'changes'} imported into the ${plan.year} plan`,
    );
    return reply.redirect(`/plan?year=${plan.year}`);
  });

  const boardPage = async (req: Req, reply: any, extra: Record<string, unknown> = {}) => {
    const report = await board.report(req.user!.partnershipId, yearOf(req.query));
    return reply.render('plan/board.njk', {
      title: `Board report: ${report.plan.title}`,
      ...report,
      ragLabels: RAG_LABELS,
      canManage: can(req.user!.role, 'plan.manage'),
      ...extra,
    });
  };

  app.get('/plan/board', { config: { access: 'staff.home' } }, async (req: Req, reply) => {
    if (req.query.format === 'pdf') {
      const report = await board.report(req.user!.partnershipId, yearOf(req.query));
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="board-report-${report.plan.year}.pdf"`)
        .send(await boardReportPdf(report));
    }
    return boardPage(req, reply);
  });

  const dashboard = new PlanDashboardService(deps);
  app.get('/plan/dashboard', { config: { access: 'staff.home' } }, async (req: Req, reply) => {
    const d = await dashboard.dashboard(req.user!.partnershipId, req.query.period);
    return reply.render('plan/dashboard.njk', {
      title: 'Board dashboard',
      ...d,
      bars: d.reportsByMonth ? barsOf(d.reportsByMonth.now.rows) : [],
      ragLabels: RAG_LABELS,
    });
  });

  app.post('/plan/board/meetings', { config: { access: 'plan.manage' } }, async (req: Req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const date = readDate(body, 'metOn', 'the date the board met', { required: true });
    if (date.error) {
      reply.code(400);
      return boardPage(req, reply, { errors: { metOn: date.error }, values: body });
    }
    const done = await board.recordBoard(req.user!, date.value!, meta(req));
    await req.flash(
      'success',
      done === 'exists' ? 'That board date was already recorded' : 'Board date recorded',
    );
    return reply.redirect('/plan/board');
  });
}
