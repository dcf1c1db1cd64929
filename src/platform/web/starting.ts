import type { FastifyInstance } from 'fastify';

/**
 * While the service is starting (waiting for its database, migrating), it already listens: /health,
 * /ready and /metrics answer (they are "bare"), everything else gets 503 with Retry-After. Returns the
 * function that opens the service. Must be called before the app is ready.
 */
export function holdUntilStarted(app: FastifyInstance): () => void {
  app.starting = true;
  app.addHook('onRequest', async (request, reply) => {
    if (app.starting && request.routeOptions.url === '/ready')
      return reply.code(503).send({ status: 'starting', database: 'not ready yet' });
  });
  return () => {
    app.starting = false;
  };
}

/** Waits until the database answers, retrying with back-off (1 s doubling to 30 s), logging once. */
export async function waitForDatabase(
  reachable: () => Promise<boolean>,
  log: { error(msg: string): void; info(msg: string): void },
  firstDelayMs = 1000,
): Promise<void> {
  let delay = firstDelayMs;
  let logged = false;
  while (!(await reachable())) {
    if (!logged) log.error('database unreachable: waiting for it (check DATABASE_URL); /ready answers 503');
    logged = true;
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 30_000);
  }
  if (logged) log.info('database reachable: starting');
}
