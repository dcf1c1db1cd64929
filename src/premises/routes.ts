import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../platform/module.js';
import { parseForm } from '../platform/web/forms.js';
import { can } from '../platform/permissions/roles.js';
import type { PremisesServices } from './services.js';
import { creditSchema, incidentSchema, NEARBY_DAYS, NEARBY_METRES } from './service.js';
import { DEFAULT_CREDIT_TYPES, INCIDENT_TYPES } from './rules/traffic-light.js';
import { colourChanges, refreshColours } from './colours.js';
import { OUTCOMES, VISIT_INTERVAL_DAYS, visitSchema } from './visits.js';
import { INTERVENTION_KINDS, interventionSchema } from './interventions.js';
import { premisesTimeline } from './timeline.js';

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
  const visits = services.premises.visits;
  const interventions = services.premises.interventions;
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
      timeline: premisesTimeline(
        result.items,
        await visits.visits(req.user!.partnershipId, premises.id),
        await interventions.list(req.user!.partnershipId, premises.id),
        await colourChanges(deps, req.user!.partnershipId, '0000-01-01', '9999-12-31', premises.id),
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

  const visitForm = async (req: any, reply: any, extra: Record<string, unknown> = {}) => {
    const { premises, result } = await service.detail(req.user!, req.params.id, meta(req));
    return reply.render('premises/visit.njk', {
      title: `Record a licensing visit: ${premises.name}`,
      p: premises,
      result,
      outcomes: Object.entries(OUTCOMES).map(([value, text]) => ({ value, text })),
      values: { status: 'done' },
      ...extra,
    });
  };

  app.get('/premises/:id/visits/new', { config: { access: 'premises.manage' } }, (req, reply) =>
    visitForm(req, reply),
  );

  app.post('/premises/:id/visits', { config: { access: 'premises.manage' } }, async (req, reply) => {
    const id = (req.params as { id: string }).id;
    const form = parseForm(visitSchema, req.body);
    const errors = form.ok ? await visits.record(req.user!, id, form.value!, meta(req)) : form.errors;
    if (Object.keys(errors).length) {
      reply.code(400);
      return visitForm(req, reply, { errors, values: form.values });
    }
    if (form.value!.breaches) await refreshColours(deps, req.user!.partnershipId);
    await req.flash(
      'success',
      form.value!.breaches
        ? `Visit recorded, with ${form.value!.breaches} ${form.value!.breaches === 1 ? 'breach' : 'breaches'} added to the Traffic Light record`
        : form.value!.status === 'planned'
          ? 'Visit planned'
          : 'Visit recorded',
    );
    return reply.redirect(`/premises/${id}#visits`);
  });

  app.get('/premises/visits/due', { config: { access: 'premises.read' } }, async (req, reply) =>
    reply.render('premises/visits-due.njk', {
      title: 'Licensing visits due',
      due: await visits.due(req.user!.partnershipId),
      intervals: VISIT_INTERVAL_DAYS,
    }),
  );

  const interventionForm = async (req: any, reply: any, extra: Record<string, unknown> = {}) => {
    const { premises, result } = await service.detail(req.user!, req.params.id, meta(req));
    return reply.render('premises/intervention.njk', {
      title: `Record an intervention: ${premises.name}`,
      p: premises,
      result,
      kinds: Object.entries(INTERVENTION_KINDS).map(([value, text]) => ({ value, text })),
      values: {},
      ...extra,
    });
  };

  app.get('/premises/:id/interventions/new', { config: { access: 'premises.manage' } }, (req, reply) =>
    interventionForm(req, reply),
  );

  app.post('/premises/:id/interventions', { config: { access: 'premises.manage' } }, async (req, reply) => {
    const id = (req.params as { id: string }).id;
    const form = parseForm(interventionSchema, req.body);
    const errors = form.ok ? await interventions.record(req.user!, id, form.value!, meta(req)) : form.errors;
    if (Object.keys(errors).length) {
      reply.code(400);
      return interventionForm(req, reply, { errors, values: form.values });
    }
    await req.flash('success', `${INTERVENTION_KINDS[form.value!.kind]} recorded`);
    return reply.redirect(`/premises/${id}#visits`);
  });

  app.post(
    '/premises/:id/interventions/:iid/outcome',
    { config: { access: 'premises.manage' } },
    async (req, reply) => {
      const { id, iid } = req.params as { id: string; iid: string };
      const refused = await interventions.close(
        req.user!,
        id,
        iid,
        String((req.body as Record<string, unknown>)?.outcome ?? ''),
        meta(req),
      );
      await req.flash(refused ? 'info' : 'success', refused ?? 'Outcome recorded');
      return reply.redirect(`/premises/${id}#visits`);
    },
  );
}
