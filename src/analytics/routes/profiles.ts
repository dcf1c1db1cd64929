import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../platform/module.js';
import { can } from '../../platform/permissions/roles.js';
import { parseForm } from '../../platform/web/forms.js';
import { profileTextSchema } from '../profile-service.js';
import { cellMapSvg, trendChartSvg } from '../analysis/svg.js';
import { CLASS_LABELS } from '../analysis/hotspot-model.js';
import { profilePdf } from '../analysis/profile-pdf.js';
import { filterContext, filterView, IMPORT, meta, READ } from './context.js';
import type { AnalyticsServices } from '../services.js';

type Req = FastifyRequest<{ Params: { id: string } }>;

export function registerProfileRoutes(app: FastifyInstance, deps: AppDeps, s: AnalyticsServices): void {
  const { profiles } = s;

  app.get('/analysis/profiles', { config: READ }, async (req, reply) => {
    const list = await profiles.list(req.user!.partnershipId);
    return reply.render('analytics/profiles.njk', {
      title: 'Problem profiles',
      tab: 'profiles',
      profiles: list,
      canWrite: can(req.user!.role, 'analytics.import'),
    });
  });

  const newPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    errors: Record<string, string> = {},
    title = '',
  ) => {
    const f = await filterContext(s.analytics, req);
    return reply.render('analytics/profile-new.njk', {
      title: 'Start a problem profile',
      tab: 'profiles',
      filters: filterView(f, '/analysis/profiles/new', true),
      values: { ...f.values, title },
      errors: { ...f.errors, ...errors },
    });
  };

  app.get('/analysis/profiles/new', { config: IMPORT }, (req, reply) => newPage(req, reply));

  app.post('/analysis/profiles', { config: IMPORT }, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const result = await profiles.create(req.user!, body, meta(req));
    if (!result.id) {
      reply.code(400);
      // Show the form with what was chosen (the filter reads the query string).
      (req as { query: unknown }).query = body;
      return newPage(req, reply, result.errors, String(body.title ?? ''));
    }
    await req.flash('success', 'Problem profile started. Add your findings and recommendations below.');
    return reply.redirect(`/analysis/profiles/${result.id}`);
  });

  const profilePage = async (req: Req, reply: FastifyReply, extra: Record<string, unknown> = {}) => {
    const { profile, model, areasBoundary } = await profiles.view(
      req.user!,
      req.params.id,
      meta(req),
      'page',
    );
    const what = `${model.scope.category || 'All categories'}, ${model.scope.source.name}`;
    return reply.render('analytics/profile.njk', {
      title: profile.title,
      tab: 'profiles',
      profile,
      model,
      what,
      classLabels: CLASS_LABELS,
      chart: trendChartSvg(
        model.trend.points,
        'profile-trend',
        `Records a month, ${what}, ${profile.month_from} to ${profile.month_to}; the table gives the figures`,
      ),
      cellMap: cellMapSvg(
        areasBoundary.boundary,
        model.cells,
        'profile-map',
        `Hot spot map: ${model.hotspotSummary.cellSize} m cells coloured by Gi* class; the table of hot spots gives the figures`,
      ),
      canWrite: can(req.user!.role, 'analytics.import'),
      values: { findings: profile.findings, recommendations: profile.recommendations },
      ...extra,
    });
  };

  app.get('/analysis/profiles/:id', { config: READ }, (req, reply) => profilePage(req as Req, reply));

  app.post('/analysis/profiles/:id', { config: IMPORT }, async (req, reply) => {
    const r = req as Req;
    const form = parseForm(profileTextSchema, req.body);
    if (!form.ok) {
      reply.code(400);
      return profilePage(r, reply, { errors: form.errors, values: form.values });
    }
    await profiles.saveText(req.user!, r.params.id, form.value!, meta(req));
    await req.flash('success', 'Findings and recommendations saved');
    return reply.redirect(`/analysis/profiles/${r.params.id}`);
  });

  app.get('/analysis/profiles/:id/pdf', { config: READ }, async (req, reply) => {
    const r = req as Req;
    const { profile, model, areasBoundary } = await profiles.view(req.user!, r.params.id, meta(req), 'pdf');
    const pdf = await profilePdf(profile, model, areasBoundary.boundary);
    const name = `${
      profile.title
        .replace(/[^A-Za-z0-9 _-]+/g, '')
        .trim()
        .replace(/\s+/g, '-') || 'problem-profile'
    }.pdf`;
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="${name}"`)
      .header('cache-control', 'no-store')
      .send(pdf);
  });
}
