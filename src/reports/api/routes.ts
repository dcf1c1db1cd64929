import { occurredAtProblem } from './dates.js';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../platform/module.js';
import { HttpError } from '../../platform/web/errors.js';
import { ReportInputError } from '../service.js';
import { locate } from '../geo/locate.js';
import { apiRateLimit, presentedKey } from './keys.js';
import { jsonRoute } from './headers.js';
import { apiReportSchema } from './schemas.js';
import { openApiDocument } from './openapi.js';
import type { ReportsTable } from '../tables.js';
import type { ReferenceData } from '../reference.js';
import type { ReportServices } from '../services.js';

const meta = (r: FastifyRequest) => ({ ip: r.ip, requestId: r.id });

function reportOut(
  r: ReportsTable,
  ref: ReferenceData,
  updates: { at: string; state_code: string; text: string | null }[] = [],
) {
  const state = ref.state.get(r.state_code);
  return {
    id: r.id,
    reference: r.reference,
    category: r.category_code,
    hateIncident: r.hate_incident === 1,
    description: r.description,
    location: { text: r.location_text, lat: r.lat, lng: r.lng, postcode: r.postcode },
    state: { code: r.state_code, label: state?.public_label ?? r.state_code, kind: r.state_kind },
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    dueAt: r.due_at,
    closedAt: r.closed_at,
    externalId: r.external_id,
    updates: updates.map((u) => ({ at: u.at, state: u.state_code, text: u.text })),
  };
}

/** The JSON API for partner systems: one key per system; a key sees the reports it sent. */
export function registerApiRoutes(app: FastifyInstance, deps: AppDeps, s: ReportServices): void {
  const { reports, apiKeys: keys } = s;
  const apikey = { access: 'apikey', csrf: false } as const;

  const authenticate = async (req: FastifyRequest) => {
    if (!presentedKey(req)) throw new HttpError(401, 'Send your API key in the X-API-Key header');
    const key = await keys.authenticateRequest(req);
    if (!key) throw new HttpError(403, 'The API key is not valid or has been revoked');
    return key;
  };

  app.post(
    '/api/v1/reports',
    { ...jsonRoute, config: { ...apikey, rateLimit: apiRateLimit(keys) } },
    async (req, reply) => {
      const key = await authenticate(req);
      const parsed = apiReportSchema.safeParse(req.body ?? {});
      if (!parsed.success) {
        const fields: Record<string, string> = {};
        for (const i of parsed.error.issues) fields[i.path.join('.') || 'body'] ??= i.message;
        return reply.code(400).send({ error: 'The report is not valid', fields });
      }
      const v = parsed.data;
      const dateProblem = v.occurred.at
        ? await occurredAtProblem(deps, key.partnership_id, v.occurred.at)
        : null;
      if (dateProblem)
        return reply
          .code(400)
          .send({ error: 'The report is not valid', fields: { 'occurred.at': dateProblem } });
      const located = locate({
        text: v.location.text ?? null,
        lat: v.location.lat ?? null,
        lng: v.location.lng ?? null,
      });
      if (located.status === 'outside') {
        return reply.code(400).send({
          error: 'The report is not valid',
          fields: { location: 'The location is outside the partnership area' },
        });
      }
      if (located.status !== 'found') {
        return reply.code(400).send({
          error: 'The report is not valid',
          fields: { location: 'The location was not recognised; send lat and lng' },
        });
      }
      try {
        const created = await reports.create(
          key.partnership_id,
          {
            channel: 'api',
            categoryCode: v.category,
            hateIncident: v.hateIncident,
            description: v.description,
            location: {
              text: v.location.text ?? (located.place ? `Near ${located.place.name}` : null),
              postcode: located.postcode,
              lat: located.lat,
              lng: located.lng,
              precision: located.precision,
              contexts: [...located.contexts, ...v.placeContexts],
            },
            occurred: {
              kind: v.occurred.kind,
              at: v.occurred.at ? new Date(v.occurred.at).toISOString() : null,
              note: v.occurred.note ?? null,
            },
            reporter: {
              kind: v.reporter.kind,
              anonymous: v.reporter.anonymous || (!v.reporter.name && !v.reporter.email && !v.reporter.phone),
              name: v.reporter.name ?? null,
              email: v.reporter.email ?? null,
              phone: v.reporter.phone ?? null,
              contactPreference: v.reporter.contactPreference,
            },
            externalId: v.externalId ?? null,
          },
          { kind: 'apikey', keyId: key.id, name: key.name },
          meta(req),
        );
        reply.header('location', `/api/v1/reports/${created.reference}`);
        return reply.code(201).send({
          id: created.id,
          reference: created.reference,
          state: created.stateCode,
          dueAt: created.dueAt,
          teams: created.teams.map((t) => ({ code: t.code, name: t.name })),
          environmentalJob: created.environmentalJob,
        });
      } catch (err) {
        if (err instanceof ReportInputError)
          return reply.code(400).send({ error: 'The report is not valid', fields: err.fields });
        throw err;
      }
    },
  );

  app.get(
    '/api/v1/reports',
    { ...jsonRoute, config: { ...apikey, rateLimit: apiRateLimit(keys) } },
    async (req, reply) => {
      const key = await authenticate(req);
      const q = req.query as Record<string, string | undefined>;
      if (q.since && Number.isNaN(new Date(q.since).getTime()))
        return reply.code(400).send({
          error: 'since must be a date and time',
          fields: { since: 'since must be a date and time like 2026-11-28T09:00:00Z' },
        });
      if (q.state && !['open', 'closed'].includes(q.state))
        return reply
          .code(400)
          .send({ error: 'state must be open or closed', fields: { state: 'state must be open or closed' } });
      const limit = Math.min(500, Math.max(1, Number(q.limit) || 100));
      const rows = await reports.repo.byApiKey(key.partnership_id, key.id, {
        since: q.since ? new Date(q.since).toISOString() : undefined,
        state: q.state,
        limit,
      });
      const ref = await reports.referenceData(key.partnership_id);
      return { reports: rows.map((r) => reportOut(r, ref)) };
    },
  );

  app.get(
    '/api/v1/reports/:reference',
    { ...jsonRoute, config: { ...apikey, rateLimit: apiRateLimit(keys) } },
    async (req, reply) => {
      const key = await authenticate(req);
      const report = await reports.repo.findByReference(
        key.partnership_id,
        (req.params as { reference: string }).reference,
      );
      if (!report || report.api_key_id !== key.id) return reply.code(404).send({ error: 'Report not found' });
      const ref = await reports.referenceData(key.partnership_id);
      return reportOut(report, ref, await reports.repo.publicUpdates(report.id));
    },
  );

  app.get('/api/v1/categories', { ...jsonRoute, config: { access: 'public' } }, async (req) => {
    const ref = await reports.referenceData(req.partnershipId);
    return {
      categories: ref.categories
        .filter((c) => c.active)
        .map((c) => ({
          code: c.code,
          name: c.public_name,
          description: c.public_description,
          nationalStandard: c.nsir_category,
          targetHours: c.sla_hours,
        })),
      placeContexts: ref.contexts.map((c) => ({ code: c.code, label: c.label })),
    };
  });

  app.get('/api/docs/openapi.json', { ...jsonRoute, config: { access: 'public' } }, async () =>
    openApiDocument(deps.config.baseUrl),
  );

  app.get('/api/docs', { config: { access: 'public' } }, async (_req, reply) => {
    const doc = openApiDocument(deps.config.baseUrl);
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(
        methods as Record<string, { summary: string; description?: string; security?: unknown[] }>,
      ).map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        summary: op.summary,
        description: op.description,
        needsKey: !!op.security?.length,
      })),
    );
    return reply.render('reports/api-docs.njk', {
      title: 'ASB Hub API',
      operations,
      baseUrl: deps.config.baseUrl,
    });
  });
}
