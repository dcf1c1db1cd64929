import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../platform/module.js';
import { ReportInputError } from '../service.js';
import type { ReportServices } from '../services.js';
import { jsonRoute } from '../api/headers.js';
import { apiRateLimit, presentedKey } from '../api/keys.js';
import { createOnce, reportClientRefs } from '../api/idempotent.js';
import type { PartnerApiKeysTable } from '../tables.js';
import { publishable, requestOf, serviceDefinition, serviceOf } from './format.js';
import { param, parseRequest } from './input.js';
import { FORMATS, MIME, formatOf, send, sendErrors, splitFormat, type Format } from './output.js';
import { registerUpdateRoutes } from './updates.js';
import type { Open311Context } from './context.js';

export const OPEN311_BASE = '/open311/v2';
const CHANGESET = '2026-12-07T00:00:00+00:00';
const meta = (r: FastifyRequest) => ({ ip: r.ip, requestId: r.id });
const list = (v: unknown) =>
  param(v)
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) with mySociety's extensions, in XML and
 * JSON (the extension picks the format), for FixMyStreet and any client written to the
 * specification. Every error, unknown paths included, is the specification's error list.
 */
export async function registerOpen311Routes(
  app: FastifyInstance,
  deps: AppDeps,
  services: ReportServices,
): Promise<void> {
  const { reports, apiKeys: keys } = services;
  const ctx: Open311Context = {
    deps,
    reports,
    keys,
    keyOf: async (req, reply, format) => {
      if (!presentedKey(req)) return null;
      const key = await keys.authenticateRequest(req);
      if (key) return key;
      await sendErrors(reply, format, 403, 'api_key is not valid or has been revoked');
      return undefined;
    },
  };
  await app.register(
    async (scope) => {
      scope.setNotFoundHandler((req, reply) =>
        sendErrors(
          reply,
          formatOf(req.url) ?? 'json',
          404,
          formatOf(req.url) || !/\.\w+$/.test(req.url.split('?')[0])
            ? `There is nothing at ${req.url.split('?')[0]}`
            : 'Unknown format: end the path with .xml or .json',
        ),
      );
      scope.setErrorHandler((err: any, req, reply) => {
        const status: number = err.validation ? 400 : err.statusCode >= 400 ? err.statusCode : 500;
        if (status >= 500)
          req.log.error({ err: { message: err.message, stack: err.stack } }, 'request failed');
        const description =
          status === 429
            ? `Too many requests for this key: try again in ${reply.getHeader('retry-after') ?? 60} seconds`
            : status >= 500
              ? 'Sorry, there is a problem with the service'
              : String(err.message);
        return sendErrors(reply, formatOf(req.url) ?? 'json', status, description);
      });
      // One limit per key across every Open311 route (120 a minute from each address without a key).
      scope.addHook('preHandler', scope.rateLimit(apiRateLimit(keys, 120)));
      registerServiceRoutes(scope, ctx);
      registerRequestRoutes(scope, ctx);
      registerUpdateRoutes(scope, ctx);
    },
    { prefix: OPEN311_BASE },
  );
}

const pub = { ...jsonRoute, config: { access: 'public' } } as const;

function registerServiceRoutes(app: FastifyInstance, { deps, reports }: Open311Context): void {
  for (const format of FORMATS) {
    app.get(`/discovery.${format}`, pub, async (_req, reply) =>
      send(reply, format, 'discovery', {
        changeset: CHANGESET,
        contact: 'Contact the partnership through its website. In an emergency call 999.',
        key_service: `${deps.config.baseUrl}/api/docs`,
        endpoints: [
          {
            specification: 'http://wiki.open311.org/GeoReport_v2',
            url: `${deps.config.baseUrl}${OPEN311_BASE}/`,
            changeset: CHANGESET,
            type: 'production',
            formats: FORMATS.map((f) => MIME[f]),
          },
        ],
      }),
    );
    app.get(`/services.${format}`, pub, async (req, reply) => {
      const ref = await reports.referenceData(req.partnershipId);
      return send(reply, format, 'services', ref.categories.filter((c) => c.active).map(serviceOf));
    });
  }

  app.get('/services/:file', pub, async (req, reply) => {
    const file = splitFormat((req.params as { file: string }).file);
    if (!file) return sendErrors(reply, 'json', 404, 'Unknown format: end the path with .xml or .json');
    const ref = await reports.referenceData(req.partnershipId);
    const category = ref.category.get(file.id);
    if (!category || !category.active)
      return sendErrors(reply, file.format, 404, `service_code ${file.id} not found`);
    return send(reply, file.format, 'service_definition', serviceDefinition(category, ref));
  });
}

function registerRequestRoutes(app: FastifyInstance, ctx: Open311Context): void {
  const { deps, reports } = ctx;
  const keyed = { ...jsonRoute, config: { access: 'apikey', csrf: false } } as const;
  const read = pub;

  for (const format of FORMATS) {
    app.post(`/requests.${format}`, keyed, async (req, reply) => {
      const key = await ctx.keyOf(req, reply, format);
      if (key === undefined) return reply;
      if (!key) return sendErrors(reply, format, 403, 'api_key is required');
      const body = (req.body ?? {}) as Record<string, unknown>;
      const ref = await reports.referenceData(key.partnership_id);
      const parsed = parseRequest(body, ref);
      if (!parsed.ok) return sendErrors(reply, format, parsed.status, ...parsed.problems);
      const idempotencyKey = param(req.headers['idempotency-key']) || null;
      const input = {
        ...parsed.report,
        clientRefs: reportClientRefs(parsed.report.externalId ?? null, idempotencyKey),
      };
      try {
        const r = await createOnce(deps, reports, key.partnership_id, input, key, meta(req));
        return send(
          reply,
          format,
          'service_requests',
          [
            {
              service_request_id: r.reference,
              service_notice: r.made
                ? `Sent to ${r.made.teams.map((t) => t.name).join(', ')}`
                : 'Already received: this is the request made the first time',
              account_id: null,
            },
          ],
          r.made ? 201 : 200,
        );
      } catch (err) {
        if (err instanceof ReportInputError)
          return sendErrors(reply, format, 400, ...Object.values(err.fields));
        throw err;
      }
    });

    app.get(`/requests.${format}`, read, async (req, reply) => {
      const key = await ctx.keyOf(req, reply, format);
      if (key === undefined) return reply;
      return listRequests(ctx, req, reply, format, key);
    });
  }

  app.get('/requests/:file', read, async (req, reply) => {
    const file = splitFormat((req.params as { file: string }).file);
    if (!file) return sendErrors(reply, 'json', 404, 'Unknown format: end the path with .xml or .json');
    const key = await ctx.keyOf(req, reply, file.format);
    if (key === undefined) return reply;
    const partnershipId = key?.partnership_id ?? req.partnershipId;
    const report = await reports.repo.findByReference(partnershipId, file.id);
    const ref = await reports.referenceData(partnershipId);
    const own = !!key && report?.api_key_id === key.id;
    if (!report || (!own && !publishable(report, ref)))
      return sendErrors(reply, file.format, 404, `service_request_id ${file.id} not found`);
    return send(reply, file.format, 'service_requests', [requestOf(report, ref, own)]);
  });
}

/** GET requests: service_request_id (one or several) overrides every other argument. */
async function listRequests(
  { deps, reports }: Open311Context,
  req: FastifyRequest,
  reply: FastifyReply,
  format: Format,
  key: PartnerApiKeysTable | null,
) {
  const q = req.query as Record<string, unknown>;
  const partnershipId = key?.partnership_id ?? req.partnershipId;
  const references = list(q.service_request_id).map((x) => x.toUpperCase());
  const filters: Parameters<typeof reports.repo.open311List>[1] = { limit: 1000 };
  if (references.length) filters.references = references.slice(0, 1000);
  else {
    const problems: string[] = [];
    for (const name of ['start_date', 'end_date'] as const) {
      const v = param(q[name]);
      if (!v) continue;
      const d = new Date(v);
      if (Number.isNaN(d.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(v))
        problems.push(`${name} must be a W3C date and time like 2026-11-28T09:00:00+00:00`);
      else filters[name === 'start_date' ? 'start' : 'end'] = d.toISOString();
    }
    const statuses = list(q.status).map((x) => x.toLowerCase());
    const unknown = statuses.filter((x) => x !== 'open' && x !== 'closed');
    if (unknown.length)
      problems.push(`status must be open or closed (or both, comma-separated), not ${unknown.join(', ')}`);
    if (problems.length) return sendErrors(reply, format, 400, ...problems);
    if (statuses.length === 1) filters.status = statuses[0] as 'open' | 'closed';
    const codes = list(q.service_code);
    if (codes.length) filters.serviceCodes = codes;
    // The specification's default window: the last 90 days.
    if (!filters.start && !filters.end)
      filters.start = new Date(deps.clock.now().getTime() - 90 * 86_400_000).toISOString();
  }
  const rows = await reports.repo.open311List(partnershipId, filters);
  const ref = await reports.referenceData(partnershipId);
  const own = (r: (typeof rows)[number]) => !!key && r.api_key_id === key.id;
  return send(
    reply,
    format,
    'service_requests',
    rows.filter((r) => own(r) || publishable(r, ref)).map((r) => requestOf(r, ref, own(r))),
  );
}
