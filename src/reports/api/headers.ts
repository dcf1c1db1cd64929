import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * JSON endpoints skip the per-request Helmet middleware (it rebuilds the page CSP with nonces on
 * every request, which JSON does not need) and send fixed security headers instead.
 */
export const jsonRoute = {
  helmet: false as const,
  onRequest: (_req: FastifyRequest, reply: FastifyReply, done: () => void) => {
    reply.headers({
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    });
    done();
  },
};
