import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../context.js';
import { VIEW_LABELS } from '../labels.js';

export const MANAGE = { access: 'case-review.manage' } as const;
export const PUBLIC = { access: 'public' } as const;

export const actorOf = (req: FastifyRequest): Actor => ({ user: req.user!, ip: req.ip, requestId: req.id });
export const params = (req: FastifyRequest) => req.params as Record<string, string>;
export const query = (req: FastifyRequest) => (req.query ?? {}) as Record<string, string | undefined>;
export const body = (req: FastifyRequest) => ({ ...((req.body ?? {}) as Record<string, unknown>) });

/** Renders a case review page with the label maps every template uses. */
export const page = (reply: FastifyReply, template: string, context: Record<string, unknown>, status = 200) =>
  reply.code(status).render(`case-review/${template}.njk`, { labels: VIEW_LABELS, ...context });

/** Redirects with a success banner on the next page. */
export async function done(req: FastifyRequest, reply: FastifyReply, to: string, banner: string) {
  await req.flash('success', banner);
  return reply.redirect(to, 303);
}

export const str = (b: Record<string, unknown>, k: string) =>
  typeof b[k] === 'string' ? (b[k] as string).trim() : '';
