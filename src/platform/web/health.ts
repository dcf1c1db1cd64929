import type { FastifyInstance } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import client from 'prom-client';
import type { AppDeps } from '../module.js';
import { isReachable } from '../db/database.js';

/** /health (process up), /ready (database reachable) and /metrics (Prometheus text). */
export function registerHealth(app: FastifyInstance, deps: AppDeps): void {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  const requests = new client.Counter({
    name: 'asbhub_http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const duration = new client.Histogram({
    name: 'asbhub_http_request_duration_seconds',
    help: 'HTTP request duration',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    duration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });

  let loggedDown = false;
  app.get('/health', { config: { access: 'public', bare: true } }, async () => ({ status: 'ok' }));
  app.get('/ready', { config: { access: 'public', bare: true } }, async (_req, reply) => {
    const ok = await isReachable(deps.db);
    if (!ok) {
      if (!loggedDown) deps.log.error('database unreachable: /ready answers 503 until it is back');
      loggedDown = true;
      return reply.code(503).send({ status: 'unavailable', database: 'unreachable' });
    }
    if (loggedDown) deps.log.info('database reachable again');
    loggedDown = false;
    return { status: 'ready', database: deps.dialect };
  });
  app.get('/metrics', { config: { access: 'public', bare: true } }, async (req, reply) => {
    if (!bearerMatches(req.headers.authorization, deps.config.metricsToken))
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer realm="metrics"')
        .send({ error: 'Send the metrics token: Authorization: Bearer <METRICS_TOKEN>' });
    reply.type(registry.contentType);
    return registry.metrics();
  });
}

/** True when no token is configured (development), or the header carries it. */
function bearerMatches(header: string | undefined, token: string | null): boolean {
  if (!token) return true;
  const given = Buffer.from(/^Bearer (.+)$/i.exec(header ?? '')?.[1] ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
