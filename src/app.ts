import path from 'node:path';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RouteOptions } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import qs from 'node:querystring';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { DatabaseHandle } from './platform/db/database.js';
import { systemClock, type Clock } from './platform/db/clock.js';
import type { AppDeps, AppModule } from './platform/module.js';
import { allModules } from './modules.js';
import { createServices, type Services } from './composition.js';
import { createStaffShell, type StaffShell } from './platform/shell.js';
import type { JobHandler, JobHandlers } from './platform/jobs.js';
import { assetDirs, createViewEnvironment } from './platform/web/views.js';
import { registerWeb, isApiPath } from './platform/web/plugin.js';
import { registerHealth } from './platform/web/health.js';
import { HttpError } from './platform/web/errors.js';
import { createLogger } from './platform/log.js';
import { configureHashing } from './platform/auth/passwords.js';
import { configureAuditKey } from './platform/audit/service.js';

export interface BuildOptions {
  config: Config;
  database: DatabaseHandle;
  clock?: Clock;
  logger?: Logger;
  /** Called for every route as it is registered (the route-walk test uses it). */
  onRoute?: (route: RouteOptions) => void;
}

export interface BuiltApp {
  app: FastifyInstance;
  deps: AppDeps;
  /** The service graph built once at start-up; routes, home cards and jobs use these. */
  services: Services;
  /** The modules' job kinds bound to `services`, for the job runner. */
  jobs: JobHandlers;
}

/** What routes are given: the services and the staff shell (links and home cards of every module). */
export type RouteServices = Services & { shell: StaffShell };

/** The module list, checked against the services the app builds (each module names what it uses). */
const modules: readonly AppModule<RouteServices>[] = allModules;

/** Each module's jobs, bound to the services built at start-up. */
function moduleJobs(services: RouteServices): JobHandlers {
  const jobs = new Map<string, JobHandler>();
  for (const m of modules)
    for (const [kind, run] of Object.entries(m.jobs ?? {}))
      jobs.set(kind, (deps, payload) => run(payload, services, deps));
  return jobs;
}

/** Builds the whole service on the database given; listening is the caller's business (server.ts). */
export async function buildApp(opts: BuildOptions): Promise<BuiltApp> {
  const log = opts.logger ?? createLogger(opts.config);
  const deps: AppDeps = {
    config: opts.config,
    db: opts.database.db,
    dialect: opts.database.dialect,
    clock: opts.clock ?? systemClock,
    log,
  };
  configureHashing(opts.config);
  configureAuditKey(opts.config.auditKey);
  const app: FastifyInstance = Fastify({
    loggerInstance: log as unknown as FastifyBaseLogger,
    // Only named proxies may set the client address (rate limits and audit IPs depend on it).
    trustProxy: opts.config.trustProxy.length ? opts.config.trustProxy : false,
    genReqId: () => crypto.randomUUID(),
    bodyLimit: 2 * 1024 * 1024,
  });

  if (opts.onRoute) app.addHook('onRoute', opts.onRoute);
  await app.register(fastifyCookie, { secret: opts.config.sessionSecret });
  await app.register(fastifyFormbody, { parser: (body) => qs.parse(body) });
  await app.register(fastifyMultipart, { limits: { fileSize: 10 * 1024 * 1024, files: 5, fields: 50 } });
  const tileOrigin = safeOrigin(opts.config.mapTileUrl);
  await app.register(fastifyHelmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', ...(tileOrigin ? [tileOrigin] : [])],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: opts.config.secureCookies ? [] : null,
      },
    },
    hsts: opts.config.secureCookies,
  });
  await app.register(fastifyCsrf, {
    cookieOpts: {
      signed: true,
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      secure: opts.config.secureCookies,
    },
    getToken: (req) =>
      ((req.body as any)?._csrf as string) ??
      (req.headers['x-csrf-token'] as string) ??
      ((req.query as any)?._csrf as string),
  });
  await app.register(fastifyRateLimit, { global: false });

  const services = createServices(deps);
  const routeServices: RouteServices = { ...services, shell: { nav: [], homeCards: async () => [] } };
  routeServices.shell = createStaffShell(modules, deps, routeServices);
  const views = createViewEnvironment(path.resolve('views'));
  let defaultPartnership: { id: string; name: string } | null = null;
  registerWeb(app, deps, {
    views,
    nav: routeServices.shell.nav,
    audit: services.platform.audit,
    defaultPartnership: async () => {
      if (defaultPartnership) return defaultPartnership;
      const code = process.env.PARTNERSHIP_CODE;
      let q = deps.db.selectFrom('partnerships').select(['id', 'name']).orderBy('created_at');
      if (code) q = q.where('code', '=', code);
      const row = await q.executeTakeFirst();
      if (row) defaultPartnership = row;
      return row ?? { id: '', name: '' };
    },
  });

  const assets: [string, string][] = [
    ['/assets/govuk/', assetDirs.govuk],
    ['/assets/moj/', assetDirs.moj],
    ['/assets/leaflet/', path.join(assetDirs.leaflet, 'dist')],
    ['/assets/markercluster/', path.join(assetDirs.markercluster, 'dist')],
    ['/assets/app/', path.resolve('public')],
  ];
  for (const [prefix, root] of assets) {
    await app.register(fastifyStatic, {
      root,
      prefix,
      decorateReply: prefix === '/assets/govuk/',
      maxAge: opts.config.env === 'production' ? '1d' : 0,
    });
  }
  // govuk-frontend's template and stylesheet expect their images and fonts at /assets.
  app.get('/assets/*', { config: { access: 'public' } }, (req, reply) =>
    reply.sendFile((req.params as any)['*'], path.join(assetDirs.govuk, 'assets')),
  );
  app.get('/favicon.ico', { config: { access: 'public' } }, (_req, reply) =>
    reply.sendFile('images/favicon.ico', path.join(assetDirs.govuk, 'assets')),
  );

  registerHealth(app, deps);
  for (const m of modules) await m.routes?.(app, deps, routeServices);

  app.setNotFoundHandler(async (request, reply) => {
    reply.code(404);
    if (isApiPath(request.url)) return reply.send({ error: 'Not found' });
    return reply.render('platform/error.njk', { status: 404, title: 'Page not found' });
  });

  app.setErrorHandler(async (err: any, request, reply) => {
    const status: number =
      err instanceof HttpError
        ? err.statusCode
        : err.validation
          ? 400
          : err.statusCode && err.statusCode < 500
            ? err.statusCode
            : 500;
    if (status >= 500 && !(err instanceof HttpError))
      request.log.error({ err: { message: err.message, stack: err.stack } }, 'request failed');
    const message =
      err instanceof HttpError || status === 400 || status === 413 || status === 429
        ? err.message
        : status === 404
          ? 'Page not found'
          : 'Sorry, there is a problem with the service';
    reply.code(status);
    if (err instanceof HttpError) reply.headers(err.headers);
    if (isApiPath(request.url) || request.headers.accept === 'application/json')
      return reply.send({ error: message });
    try {
      return await reply.render('platform/error.njk', { status, title: titleFor(status), message });
    } catch {
      return reply.type('text/plain').send(message);
    }
  });

  return { app, deps, services, jobs: moduleJobs(routeServices) };
}

function titleFor(status: number): string {
  if (status === 404) return 'Page not found';
  if (status === 403) return 'You do not have permission to see this';
  if (status === 401) return 'You need to sign in';
  if (status === 429) return 'Too many requests';
  if (status < 500) return 'There is a problem with your request';
  return 'Sorry, there is a problem with the service';
}

function safeOrigin(url: string): string | null {
  try {
    return new URL(url.replace(/\{[a-z]\}/g, 'a')).origin;
  } catch {
    return null;
  }
}
