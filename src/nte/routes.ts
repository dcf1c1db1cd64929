import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../platform/module.js';
import { can } from '../platform/permissions/roles.js';
import { londonTime } from '../platform/web/views.js';
import { NteService, packDocument, issuedLine, renderPackPdf, type PackKind } from './service.js';
import { lastEndedWeekend, parseFriday, WeekendError } from './window.js';
import { addMonths, parseMonth } from './llp-pack.js';

const meta = (r: { ip: string; id: string }) => ({ ip: r.ip, requestId: r.id });

export function registerNteRoutes(app: FastifyInstance, deps: AppDeps, services: { nte: NteService }): void {
  const service = services.nte;

  const showList = async (req: any, reply: any, extra: Record<string, unknown> = {}) => {
    const pid = req.user!.partnershipId;
    const settings = await service.settings(pid);
    const packs = await service.list(pid);
    return reply.render('nte/list.njk', {
      title: 'Night-time economy packs',
      packs: packs.map((p) => ({ ...p, issued: londonTime(p.issued_at) })),
      canIssue: can(req.user!.role, 'premises.manage'),
      values: {
        weekend: lastEndedWeekend(deps.clock.iso(), settings),
        month: addMonths(londonTime(deps.clock.iso(), 'yyyy-MM'), -1),
      },
      settings,
      ...extra,
    });
  };

  app.get('/nte', { config: { access: 'premises.read' } }, (req, reply) => showList(req, reply));

  app.post('/nte/packs', { config: { access: 'premises.manage' } }, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, string>;
    const kind: PackKind = body.kind === 'llp' ? 'llp' : 'weekend';
    const field = kind === 'llp' ? 'month' : 'weekend';
    const typed = String(body[field] ?? '');
    let period: string;
    try {
      period = kind === 'llp' ? parseMonth(typed) : parseFriday(typed);
      if (kind === 'weekend' && period > lastEndedWeekend(deps.clock.iso()))
        throw new WeekendError(`The weekend of ${period} has not ended yet: a pack covers a weekend gone`);
    } catch (err) {
      if (!(err instanceof WeekendError)) throw err;
      reply.code(400);
      return showList(req, reply, {
        errors: { [field]: err.message },
        values: { weekend: '', month: '', [field]: typed },
      });
    }
    const user = req.user!;
    const p = await service.issue(
      user.partnershipId,
      kind,
      period,
      { id: user.id, label: user.name },
      meta(req),
    );
    await req.flash('success', `${p.title} issued (version ${p.version})`);
    return reply.redirect(`/nte/packs/${p.id}`);
  });

  app.get('/nte/packs/:id', { config: { access: 'premises.read' } }, async (req, reply) => {
    const p = await service.view(req.user!, (req.params as { id: string }).id, meta(req));
    return reply.render('nte/pack.njk', {
      title: p.title,
      pack: p,
      doc: packDocument(p),
      issuedLine: issuedLine(p),
    });
  });

  app.get('/nte/packs/:id/pdf', { config: { access: 'premises.read' } }, async (req, reply) => {
    const p = await service.view(req.user!, (req.params as { id: string }).id, meta(req), 'pdf');
    const pdf = await renderPackPdf(p);
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="${p.kind}-pack-${p.period}-v${p.version}.pdf"`)
      .send(pdf);
  });
}
