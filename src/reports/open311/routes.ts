import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../platform/module.js';
import { ReportInputError } from '../service.js';
import { jsonRoute } from '../api/headers.js';
import { apiRateLimit, presentedKey } from '../api/keys.js';
import { locate } from '../geo/locate.js';
import { DESCRIPTION_MAX, emailSchema, ukPhone } from '../schemas.js';
import { open311Errors, publishable, requestOf, serviceDefinition, serviceOf } from './format.js';
import type { ReportServices } from '../services.js';

const BASE = '/open311/v2';
const meta = (r: FastifyRequest) => ({ ip: r.ip, requestId: r.id });
const s = (v: unknown) =>
  typeof v === 'string' ? v.trim() : Array.isArray(v) ? String(v[0] ?? '').trim() : '';

/** attribute[code]=v and attribute[code][]=v (form posts) or {attribute: {code: v}} (JSON). */
function attributes(body: Record<string, unknown>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const add = (k: string, v: unknown) => {
    const list = Array.isArray(v) ? v.map(String) : [String(v)];
    out[k] = [...(out[k] ?? []), ...list];
  };
  for (const [k, v] of Object.entries(body)) {
    const m = /^attribute\[(\w+)\](\[\])?$/.exec(k);
    if (m) add(m[1], v);
  }
  if (body.attribute && typeof body.attribute === 'object')
    for (const [k, v] of Object.entries(body.attribute as Record<string, unknown>)) add(k, v);
  return out;
}

/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2), JSON format: a FixMyStreet-style
 * client can list services and post requests with an API key. Errors are arrays of {code, description}.
 */
export function registerOpen311Routes(app: FastifyInstance, deps: AppDeps, services: ReportServices): void {
  const { reports, apiKeys: keys } = services;
  const pub = { access: 'public' } as const;
  const fail = (reply: FastifyReply, code: number, ...messages: string[]) =>
    reply.code(code).send(open311Errors(code, ...messages));

  app.get(`${BASE}/discovery.json`, { ...jsonRoute, config: pub }, async () => ({
    changeset: '2026-11-28T00:00:00Z',
    contact: 'Safer City Partnership, City of London. For emergencies call 999.',
    key_service: `${deps.config.baseUrl}/api/docs`,
    endpoints: [
      {
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: `${deps.config.baseUrl}${BASE}`,
        changeset: '2026-11-28T00:00:00Z',
        type: 'production',
        formats: ['application/json'],
      },
    ],
  }));

  app.get(`${BASE}/services.json`, { ...jsonRoute, config: pub }, async (req) => {
    const ref = await reports.referenceData(req.partnershipId);
    return ref.categories.filter((c) => c.active).map(serviceOf);
  });

  app.get(`${BASE}/services/:code`, { ...jsonRoute, config: pub }, async (req, reply) => {
    const raw = (req.params as { code: string }).code;
    if (!raw.endsWith('.json')) return fail(reply, 400, 'Only the JSON format is supported: add .json');
    const ref = await reports.referenceData(req.partnershipId);
    const category = ref.category.get(raw.slice(0, -5));
    if (!category || !category.active) return fail(reply, 404, `service_code ${raw.slice(0, -5)} not found`);
    return serviceDefinition(category, ref);
  });

  app.post(
    `${BASE}/requests.json`,
    { ...jsonRoute, config: { access: 'apikey', csrf: false, rateLimit: apiRateLimit(keys) } },
    async (req, reply) => {
      const key = await keys.authenticateRequest(req);
      if (!key) return fail(reply, 403, 'api_key is missing or not valid');
      if (key.partnership_id !== req.partnershipId) req.partnershipId = key.partnership_id;
      const body = (req.body ?? {}) as Record<string, unknown>;
      const ref = await reports.referenceData(key.partnership_id);
      const problems: string[] = [];
      const serviceCode = s(body.service_code);
      const category = ref.category.get(serviceCode);
      if (!serviceCode) problems.push('service_code is required');
      else if (!category || !category.active)
        return fail(reply, 404, `service_code ${serviceCode} not found`);
      const description = s(body.description);
      if (!description) problems.push('description is required');
      else if (description.length > DESCRIPTION_MAX)
        problems.push(`description must be ${DESCRIPTION_MAX} characters or fewer`);
      const lat = s(body.lat) ? Number(s(body.lat)) : null;
      const lng = s(body.long) ? Number(s(body.long)) : null;
      const address = s(body.address_string) || null;
      if (
        (lat === null) !== (lng === null) ||
        (lat !== null && (!Number.isFinite(lat) || !Number.isFinite(lng!)))
      )
        problems.push('lat and long must both be given as decimal degrees');
      else if (lat === null && !address) problems.push('lat and long, or address_string, is required');
      const email = s(body.email) || null;
      const phone = s(body.phone) || null;
      if (email && !emailSchema.safeParse(email).success) problems.push('email is not a valid email address');
      if (phone && !ukPhone(phone)) problems.push('phone is not a valid telephone number');
      if (problems.length) return fail(reply, 400, ...problems);
      const located = locate({ text: address, lat, lng });
      if (located.status === 'outside')
        return fail(
          reply,
          400,
          'The location is outside the City of London. Report it to the local council, or call the Metropolitan Police on 101.',
        );
      if (located.status !== 'found')
        return fail(
          reply,
          400,
          'address_string was not recognised as a street, landmark or postcode in the City of London; send lat and long',
        );
      const attrs = attributes(body);
      const name = [s(body.first_name), s(body.last_name)].filter(Boolean).join(' ') || null;
      const mediaUrl = s(body.media_url);
      try {
        const created = await reports.create(
          key.partnership_id,
          {
            channel: 'open311',
            categoryCode: serviceCode,
            hateIncident: ['true', 'yes', '1'].includes((attrs.hate_incident?.[0] ?? '').toLowerCase()),
            description: mediaUrl ? `${description}\n\nPhoto: ${mediaUrl}` : description,
            location: {
              text: address ?? (located.place ? `Near ${located.place.name}` : null),
              postcode: located.postcode,
              lat: located.lat,
              lng: located.lng,
              precision: located.precision,
              contexts: [...located.contexts, ...(attrs.place_context ?? [])],
            },
            occurred: { kind: 'at', at: null, note: null },
            reporter: {
              kind: 'witness',
              anonymous: !name && !email && !phone,
              name,
              givenName: s(body.first_name) || null,
              surname: s(body.last_name) || null,
              email,
              phone,
              contactPreference: email ? 'email' : phone ? 'phone' : 'none',
            },
            externalId: s(body.service_request_id) || s(body.external_id) || null,
          },
          { kind: 'apikey', keyId: key.id, name: key.name },
          meta(req),
        );
        return reply.code(201).send([
          {
            service_request_id: created.reference,
            service_notice: `Sent to ${created.teams.map((t) => t.name).join(', ')}; due by ${created.dueAt}`,
            account_id: null,
          },
        ]);
      } catch (err) {
        if (err instanceof ReportInputError) return fail(reply, 400, ...Object.values(err.fields));
        throw err;
      }
    },
  );

  app.get(`${BASE}/requests.json`, { ...jsonRoute, config: pub }, async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    const key = presentedKey(req) ? await keys.authenticateRequest(req) : null;
    if (presentedKey(req) && !key) return fail(reply, 403, 'api_key is not valid');
    const partnershipId = key?.partnership_id ?? req.partnershipId;
    const dates: Record<string, string | undefined> = {};
    for (const name of ['start_date', 'end_date']) {
      const v = s(q[name]);
      if (!v) continue;
      const d = new Date(v);
      if (Number.isNaN(d.getTime()))
        return fail(reply, 400, `${name} must be a date and time like 2026-11-28T09:00:00Z`);
      dates[name] = d.toISOString();
    }
    const status = s(q.status);
    if (status && !['open', 'closed'].includes(status))
      return fail(reply, 400, 'status must be open or closed');
    const references = s(q.service_request_id)
      ? s(q.service_request_id)
          .split(',')
          .map((x) => x.trim().toUpperCase())
      : undefined;
    const noFilter = !references && !dates.start_date && !dates.end_date;
    const rows = await reports.repo.open311List(partnershipId, {
      references,
      serviceCodes: s(q.service_code)
        ? s(q.service_code)
            .split(',')
            .map((x) => x.trim())
        : undefined,
      start:
        dates.start_date ??
        (noFilter ? new Date(deps.clock.now().getTime() - 90 * 86_400_000).toISOString() : undefined),
      end: dates.end_date,
      status: (status || undefined) as 'open' | 'closed' | undefined,
      limit: 1000,
    });
    const ref = await reports.referenceData(partnershipId);
    const own = (r: (typeof rows)[number]) => !!key && r.api_key_id === key.id;
    return rows.filter((r) => own(r) || publishable(r, ref)).map((r) => requestOf(r, ref, own(r)));
  });

  app.get(`${BASE}/requests/:id`, { ...jsonRoute, config: pub }, async (req, reply) => {
    const raw = (req.params as { id: string }).id;
    if (!raw.endsWith('.json')) return fail(reply, 400, 'Only the JSON format is supported: add .json');
    const key = presentedKey(req) ? await keys.authenticateRequest(req) : null;
    if (presentedKey(req) && !key) return fail(reply, 403, 'api_key is not valid');
    const partnershipId = key?.partnership_id ?? req.partnershipId;
    const report = await reports.repo.findByReference(partnershipId, raw.slice(0, -5));
    const ref = await reports.referenceData(partnershipId);
    const own = !!key && report?.api_key_id === key.id;
    if (!report || (!own && !publishable(report, ref)))
      return fail(reply, 404, `service_request_id ${raw.slice(0, -5)} not found`);
    return [requestOf(report, ref, own)];
  });
}
