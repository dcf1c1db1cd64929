import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type nunjucks from 'nunjucks';
import type { AppDeps, NavItem } from '../module.js';
import { SESSION_COOKIE, SessionStore } from '../auth/sessions.js';
import { UserRepository } from '../auth/users.js';
import type { AuditService } from '../audit/service.js';
import { can, type Role } from '../permissions/roles.js';
import { HttpError } from './errors.js';
import './types.js';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Signing in and out still work when the service is read-only (they only add audit entries). */
const READ_ONLY_ALLOWED = new Set(['/sign-in', '/sign-in/two-factor', '/sign-out']);
/** The only pages open to a user who must replace a temporary password. */
const MAY_CHANGE_PASSWORD = new Set([
  '/account',
  '/account/password',
  '/sign-out',
  '/sign-in/recovery-codes',
]);

export interface WebOptions {
  views: nunjucks.Environment;
  nav: NavItem[];
  defaultPartnership: () => Promise<{ id: string; name: string }>;
  audit: AuditService;
}

export const isApiPath = (url: string) => url.startsWith('/api/') || url.startsWith('/open311/');

/** Sessions, the signed-in user, default-deny access checks, CSRF and page rendering. */
export function registerWeb(app: FastifyInstance, deps: AppDeps, opts: WebOptions): void {
  const sessions = new SessionStore(deps.db, deps.clock);
  const users = new UserRepository(deps.db, deps.clock);
  const { audit } = opts;

  // Default deny: a route that does not say who may use it is a programming error, caught at start-up.
  app.addHook('onRoute', (route) => {
    // Static files (the design system's assets and our own) are public.
    if (!route.config?.access && route.url.startsWith('/assets/'))
      route.config = { ...route.config, access: 'public' };
    const access = route.config?.access;
    if (!access) {
      throw new Error(`Route ${route.method} ${route.url} does not declare config.access`);
    }
  });

  app.decorate('readOnlyReason', null);
  app.decorate('starting', false);
  app.decorateRequest('user', null);
  app.decorateRequest('session', null);
  app.decorateRequest('partnershipId', '');
  app.decorateRequest('ensureSession', async function (this: FastifyRequest) {
    if (this.session) return this.session;
    const { token, session } = await sessions.create(this.partnershipId, null, 'anonymous', {}, this.ip);
    this.session = session;
    (this as any)._newSessionToken = token;
    return session;
  });
  app.decorateRequest('saveSession', async function (this: FastifyRequest) {
    if (this.session) await sessions.save(this.session);
  });
  app.decorateRequest('flash', async function (this: FastifyRequest, kind: 'success' | 'info', text: string) {
    const s = await this.ensureSession();
    s.data.flash = { kind, text };
    await sessions.save(s);
  });

  app.addHook('onRequest', async (request, reply) => {
    const config = request.routeOptions.config;
    if (config?.bare) return;
    if (app.starting)
      return reply
        .code(503)
        .header('retry-after', '5')
        .type('text/plain; charset=utf-8')
        .send('ASB Hub is starting. Try again in a few seconds.');
    checkPageParameter(request.query);
    // Partner systems authenticate with their API key on every request: no session, cookie or user.
    if (config?.access === 'apikey') {
      request.partnershipId = (await opts.defaultPartnership()).id;
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    const session = await sessions.load(token);
    if (token && !session) reply.clearCookie(SESSION_COOKIE, { path: '/' });
    request.session = session;
    if (session?.stage === 'signed-in' && session.userId) {
      request.user = await users.current(session.userId);
      if (!request.user) {
        await sessions.destroy(session.id);
        request.session = null;
      } else await sessions.touch(session);
    }
    request.partnershipId =
      request.user?.partnershipId ?? session?.partnershipId ?? (await opts.defaultPartnership()).id;
  });

  // Set the cookie of a session made during this request. Pages and exports for a signed-in user (or
  // holding a public journey's answers) must not be kept by the browser or any shared cache.
  app.addHook('onSend', async (request, reply, payload) => {
    if ((request.user || request.session) && !request.url.startsWith('/assets/'))
      reply.header('cache-control', 'no-store');
    const token = (request as any)._newSessionToken as string | undefined;
    if (token) {
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: deps.config.secureCookies,
      });
    }
    return payload;
  });

  app.addHook('preHandler', async (request, reply) => {
    if (request.is404) return;
    const access = request.routeOptions.config.access;
    if (access === 'public' || access === 'apikey') {
      // fall through to CSRF for public forms
    } else if (!request.user) {
      if (isApiPath(request.url)) throw new HttpError(401, 'Sign in or send an API key');
      if (request.method === 'GET') {
        return reply.redirect(`/sign-in?next=${encodeURIComponent(request.url)}`);
      }
      throw new HttpError(401, 'Your session has ended. Sign in again.');
    } else if (request.user.mustChangePassword && !MAY_CHANGE_PASSWORD.has(request.routeOptions.url ?? '')) {
      // A temporary password set by an administrator opens nothing but the page to replace it.
      if (request.method === 'GET') return reply.redirect('/account');
      throw new HttpError(403, 'Choose a new password first.');
    } else if (!access || !can(request.user.role, access)) {
      await audit.record({
        partnershipId: request.user.partnershipId,
        userId: request.user.id,
        userLabel: request.user.email,
        action: 'access.denied',
        subjectType: 'route',
        subjectId: `${request.method} ${request.routeOptions.url}`,
        ip: request.ip,
        requestId: request.id,
      });
      throw new HttpError(403, 'You do not have permission to see this page');
    }
    if (
      app.readOnlyReason &&
      STATE_CHANGING.has(request.method) &&
      !READ_ONLY_ALLOWED.has(request.routeOptions.url ?? '')
    )
      throw new HttpError(
        503,
        'ASB Hub is read-only while its audit log is checked. Nothing can be changed.',
        {
          'retry-after': '3600',
        },
      );
    if (
      STATE_CHANGING.has(request.method) &&
      access !== 'apikey' &&
      request.routeOptions.config.csrf !== false
    ) {
      await new Promise<void>((resolve, reject) => {
        app.csrfProtection(request, reply, (err?: Error) =>
          err
            ? reject(new HttpError(403, 'This form has expired. Go back, refresh the page and try again.'))
            : resolve(),
        );
      });
    }
  });

  app.decorateReply(
    'render',
    async function (this: FastifyReply, template: string, context: Record<string, unknown> = {}) {
      const request = this.request;
      const session = request.session;
      let flash: unknown = null;
      if (session?.data.flash) {
        flash = session.data.flash;
        delete session.data.flash;
        await sessions.save(session);
      }
      const user = request.user;
      const html = opts.views.render(template, {
        serviceName: 'ASB Hub',
        user,
        nav: user ? topNavigation(opts.nav, user.role) : [],
        currentPath: request.url.split('?')[0],
        csrfToken: this.generateCsrf(),
        cspNonce: (this as any).cspNonce?.script,
        flash,
        readOnlyReason: app.readOnlyReason,
        ...context,
      });
      return this.type('text/html; charset=utf-8').send(html);
    },
  );
}

/** Every list's ?page= is a whole number, whichever module reads it (1e400 or -1 would reach the database). */
function checkPageParameter(query: unknown): void {
  const page = (query as Record<string, unknown> | undefined)?.page;
  if (page === undefined || page === '') return;
  if (typeof page !== 'string' || !/^[1-9]\d{0,5}$/.test(page))
    throw new HttpError(400, 'page must be a whole number from 1 to 999999');
}

/** Replaces the request's session with a new one (new token), e.g. after each sign-in step. */
export async function rotateSession(
  request: FastifyRequest,
  deps: AppDeps,
  userId: string | null,
  stage: import('../auth/sessions.js').SessionStage,
  data: Record<string, any> = {},
): Promise<void> {
  const store = new SessionStore(deps.db, deps.clock);
  if (request.session) await store.destroy(request.session.id);
  const partnershipId = userId
    ? ((
        await deps.db.selectFrom('users').select('partnership_id').where('id', '=', userId).executeTakeFirst()
      )?.partnership_id ?? request.partnershipId)
    : request.partnershipId;
  const { token, session } = await store.create(partnershipId, userId, stage, data, request.ip);
  request.session = session;
  (request as any)._newSessionToken = token;
}

export async function endSession(request: FastifyRequest, reply: FastifyReply, deps: AppDeps): Promise<void> {
  if (request.session) await new SessionStore(deps.db, deps.clock).destroy(request.session.id);
  request.session = null;
  request.user = null;
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/** The links across the top for a role: administration pages are gathered under one link to /admin. */
function topNavigation(items: NavItem[], role: Role): NavItem[] {
  const allowed = items.filter((n) => can(role, n.permission));
  const top = allowed.filter((n) => !n.admin);
  if (allowed.some((n) => n.admin))
    top.push({ label: 'Administration', href: '/admin', permission: 'staff.home' });
  return top;
}
