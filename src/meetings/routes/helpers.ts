import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../context.js';

export const actorOf = (req: FastifyRequest): Actor => ({ user: req.user!, ip: req.ip, requestId: req.id });
export const param = (req: FastifyRequest, name: string) =>
  String((req.params as Record<string, string>)[name]);
export const body = (req: FastifyRequest) => (req.body ?? {}) as Record<string, unknown>;

/** Flashes the message and goes back to the meeting page (at an anchor). */
export async function backToMeeting(
  req: FastifyRequest,
  reply: FastifyReply,
  meetingId: string,
  text: string,
  anchor = '',
) {
  await req.flash('success', text);
  return reply.redirect(`/meetings/${meetingId}${anchor}`);
}

export const RAG_ITEMS = [
  { value: 'red', text: 'Red' },
  { value: 'amber', text: 'Amber' },
  { value: 'green', text: 'Green' },
];
