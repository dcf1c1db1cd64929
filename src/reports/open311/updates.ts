import type { FastifyInstance, FastifyRequest } from 'fastify';
import { jsonRoute } from '../api/headers.js';
import { emailSchema } from '../schemas.js';
import { OPEN311_DESCRIPTION_MAX, param } from './input.js';
import { FORMATS, send, sendErrors } from './output.js';
import { Open311UpdateService } from './service.js';
import type { Open311Context } from './context.js';

const meta = (r: FastifyRequest) => ({ ip: r.ip, requestId: r.id });
const STATUSES = new Set([
  'OPEN',
  'INVESTIGATING',
  'IN_PROGRESS',
  'ACTION_SCHEDULED',
  'FIXED',
  'NO_FURTHER_ACTION',
  'NOT_COUNCILS_RESPONSIBILITY',
  'INTERNAL_REFERRAL',
  'DUPLICATE',
  'CLOSED',
  'REOPEN',
]);

function dateParam(v: unknown): string | null | undefined {
  const raw = param(v);
  if (!raw) return null;
  const d = new Date(raw);
  return /^\d{4}-\d{2}-\d{2}T/.test(raw) && !Number.isNaN(d.getTime()) ? d.toISOString() : undefined;
}

/**
 * mySociety's servicerequestupdates extension: GET gives the client the updates staff published on the
 * reports it sent; POST brings a resident's comment in. Both need the client's api_key.
 */
export function registerUpdateRoutes(app: FastifyInstance, ctx: Open311Context): void {
  const updates = new Open311UpdateService(ctx.deps, ctx.reports);
  const keyed = { ...jsonRoute, config: { access: 'apikey', csrf: false } } as const;

  for (const format of FORMATS) {
    app.get(`/servicerequestupdates.${format}`, keyed, async (req, reply) => {
      const key = await ctx.keyOf(req, reply, format);
      if (key === undefined) return reply;
      if (!key) return sendErrors(reply, format, 403, 'api_key is required');
      const q = req.query as Record<string, unknown>;
      const start = dateParam(q.start_date);
      const end = dateParam(q.end_date);
      const problems: string[] = [];
      if (start === undefined)
        problems.push('start_date must be a W3C date and time like 2026-11-28T09:00:00+00:00');
      if (end === undefined)
        problems.push('end_date must be a W3C date and time like 2026-11-28T09:00:00+00:00');
      if (start && end && start > end) problems.push('end_date must be after start_date');
      if (problems.length) return sendErrors(reply, format, 400, ...problems);
      const until = end ?? ctx.deps.clock.iso();
      const from = start ?? new Date(new Date(until).getTime() - 86_400_000).toISOString();
      return send(reply, format, 'service_request_updates', await updates.published(key, from, until));
    });

    app.post(`/servicerequestupdates.${format}`, keyed, async (req, reply) => {
      const key = await ctx.keyOf(req, reply, format);
      if (key === undefined) return reply;
      if (!key) return sendErrors(reply, format, 403, 'api_key is required');
      const body = (req.body ?? {}) as Record<string, unknown>;
      const problems: string[] = [];
      const serviceRequestId = param(body.service_request_id);
      if (!serviceRequestId) problems.push('service_request_id is required');
      const description = param(body.description).replace(/\r\n?/g, '\n');
      const mediaUrl = param(body.media_url) || null;
      if (!description && !mediaUrl) problems.push('description is required');
      if (description.length > OPEN311_DESCRIPTION_MAX)
        problems.push(
          `description must be ${OPEN311_DESCRIPTION_MAX.toLocaleString('en-GB')} characters or fewer`,
        );
      if (mediaUrl && !/^https?:\/\/\S+$/i.test(mediaUrl))
        problems.push('media_url must be an http or https address');
      const status = param(body.status).toUpperCase() || null;
      if (status && !STATUSES.has(status)) problems.push(`status ${status} is not one this endpoint knows`);
      const email = param(body.email) || null;
      if (email && !emailSchema.safeParse(email).success) problems.push('email is not a valid email address');
      const updatedAt = dateParam(body.updated_datetime);
      if (updatedAt === undefined) problems.push('updated_datetime must be a W3C date and time');
      const clientUpdateId = param(body.update_id) || param(body.update_id_ext) || null;
      if (clientUpdateId && clientUpdateId.length > 100)
        problems.push('update_id must be 100 characters or fewer');
      if (problems.length) return sendErrors(reply, format, 400, ...problems);
      const name =
        [param(body.first_name), param(body.last_name)].filter((x) => x && x !== '-').join(' ') ||
        param(body.name) ||
        null;
      const result = await updates.comment(
        key,
        {
          serviceRequestId,
          clientUpdateId,
          status,
          description,
          name,
          email,
          mediaUrl,
          updatedAt: updatedAt ?? null,
        },
        meta(req),
      );
      if (!result) return sendErrors(reply, format, 404, `service_request_id ${serviceRequestId} not found`);
      return send(
        reply,
        format,
        'service_request_updates',
        [{ update_id: result.updateId }],
        result.created ? 201 : 200,
      );
    });
  }
}
