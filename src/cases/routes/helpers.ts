import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../context.js';
import { joinDates } from '../form-dates.js';

export const actorOf = (req: FastifyRequest): Actor => ({ user: req.user!, ip: req.ip, requestId: req.id });
export const params = (req: FastifyRequest) => req.params as Record<string, string>;
export const query = (req: FastifyRequest) => (req.query ?? {}) as Record<string, string | undefined>;

/** The posted form with GOV.UK date inputs joined into single fields. */
export const bodyWithDates = (req: FastifyRequest, dates: string[] = []) => joinDates(req.body, dates);

/** Redirects with a success banner on the next page. */
export async function done(req: FastifyRequest, reply: FastifyReply, to: string, banner: string) {
  await req.flash('success', banner);
  return reply.redirect(to, 303);
}

export const READ = { access: 'shared.read' } as const;
export const MANAGE = { access: 'cases.manage' } as const;
export const SHARE = { access: 'cases.share' } as const;
