import type { FastifyReply } from 'fastify';
import { VIEW_LABELS } from '../labels.js';

/** Renders a cases page with the label maps every template uses. */
export const page = (reply: FastifyReply, template: string, context: Record<string, unknown>) =>
  reply.render(`cases/${template}.njk`, { labels: VIEW_LABELS, ...context });
