import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../platform/module.js';
import { parseForm } from '../platform/web/forms.js';
import { can } from '../platform/permissions/roles.js';
import type { PremisesServices } from './services.js';
import { creditSchema, incidentSchema, NEARBY_DAYS, NEARBY_METRES } from './service.js';
import { DEFAULT_CREDIT_TYPES, INCIDENT_TYPES } from './rules/traffic-light.js';
import { colourChanges, refreshColours } from './colours.js';

const incidentItems = INCIDENT_TYPES.map((t) => ({
  value: t,
  text: {
    crime: 'Crime',
    asb: 'Anti-social behaviour',
    noise: 'Noise complaint',
    'licence-breach': 'Breach of licence conditions',
  }[t],
}));
const creditItems = Object.entries(DEFAULT_CREDIT_TYPES).map(([value, c]) => ({
  value,
  text: `${c.label} (${c.points})`,
}));

export function registerPremisesRoutes(
  app: FastifyInstance,
  deps: AppDeps,
  services: { premises: PremisesServices },
): void {
  const service = services.premises.premises;
  const meta = (r: { ip: string; id: string }) => ({ ip: r.ip, requestId: r.id });

  app.get('/premises', { config: { access: 'premises.read' } }, async (req, reply) => {
    const ranked = await service.ranked(req.user!.partnershipId);
    const counts = { red: 0, amber: 0, green: 0 };
    for (const p of ranked) counts[p.result.band]++;
    const nearby = await service.nearbyCounts(req.user!.partnershipId, ranked);
    return reply.render('premises/list.njk', {
      title: 'Licensed premises',
      ranked: ranked.map((p) => ({ ...p, nearby: nearby.get(p.id) ?? null })),
      counts,
      nearbyMetres: NEARBY_METRES,
      nearbyDays: NEARBY_DAYS,
    });
  });

  const showDetail = async (req: any, reply: any, extra: Record<string, unknown> = {}) => {
    const { premises, result } = await service.detail(req.user!, req.params.id, meta(req));
    return reply.render('premises/detail.njk', {
      title: premises.name,
      p: premises,
      result,
      nearby: await service.nearbyReports(req.user!, premises),
      colourHistory: await colourChanges(
        deps,
        req.user!.partnershipId,
        '0000-01-01',
        '9999-12-31',
        premises.id,
      ),
      nearbyMetres: NEARBY_METRES,
      nearbyDays: NEARBY_DAYS,
      incidentItems,
      creditItems,
      canManage: can(req.user!.role, 'premises.manage'),
      values: {},
      ...extra,
    });
  };

  app.get('/premises/:id', { config: { access: 'premises.read' } }, (req, reply) => showDetail(req, reply));

  app.post('/premises/:id/items', { config: { access: 'premises.manage' } }, async (req, reply) => {
    const body = req.body as Record<string, unknown>;
    const form = parseForm(body?.kind === 'credit' ? creditSchema : incidentSchema, body);
    const errors = form.ok
      ? await service.addItem(req.user!, (req.params as any).id, form.value!, meta(req))
      : form.errors;
    if (Object.keys(errors).length) {
      reply.code(400);
      // The credit form's fields carry a prefix so that ids on the page stay unique.
      const prefix = body?.kind === 'credit' ? 'credit-' : '';
      const keyed = Object.fromEntries(Object.entries(errors).map(([k, v]) => [prefix + k, v]));
      return showDetail(req, reply, { errors: keyed, values: { ...form.values, kind: body?.kind } });
    }
    await refreshColours(deps, req.user!.partnershipId);
    await req.flash('success', body?.kind === 'credit' ? 'Credit recorded' : 'Incident recorded');
    return reply.redirect(`/premises/${(req.params as any).id}`);
  });

  app.post(
    '/premises/:id/reports/:reportId',
    { config: { access: 'premises.manage' } },
    async (req, reply) => {
      const { id, reportId } = req.params as { id: string; reportId: string };
      const refused = await service.recordReport(req.user!, id, reportId, meta(req));
      if (!refused) await refreshColours(deps, req.user!.partnershipId);
      await req.flash(
        refused ? 'info' : 'success',
        refused ?? 'Report recorded as an anti-social behaviour incident',
      );
      return reply.redirect(`/premises/${id}#nearby-reports`);
    },
  );
}
