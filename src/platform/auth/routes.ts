import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../module.js';
import { AuthService, SIGN_IN_ERROR } from './service.js';
import type { AuditService } from '../audit/service.js';
import { totpQrCode } from './totp.js';
import { parseForm } from '../web/forms.js';
import { endSession, rotateSession } from '../web/plugin.js';
import { registerOidc } from './oidc.js';

const signInSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, 'Enter your email address')
    .email('Enter an email address in the correct format, like name@example.com'),
  password: z.string().min(1, 'Enter your password'),
});
const codeSchema = z.object({
  code: z.string().trim().min(1, 'Enter the security code').max(20, 'Enter the 6-digit security code'),
});
const passwordSchema = z.object({
  currentPassword: z.string().min(1, 'Enter your current password'),
  newPassword: z.string().min(1, 'Enter a new password'),
});

const meta = (r: FastifyRequest) => ({ ip: r.ip, requestId: r.id });
const HOME = '/staff';

/**
 * Where to go after sign-in: only a path on our own origin. The candidate is parsed as a browser would
 * (which drops tabs and newlines and reads backslashes as slashes) against our origin; anything that
 * lands elsewhere, or holds control characters, goes home.
 */
export function safeNext(next: unknown, baseUrl = 'http://localhost'): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.length > 2000) return HOME;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(next)) return HOME;
  let url: URL;
  try {
    url = new URL(next, baseUrl);
  } catch {
    return HOME;
  }
  if (url.origin !== new URL(baseUrl).origin) return HOME;
  const path = url.pathname + url.search + url.hash;
  return path.startsWith('//') ? HOME : path;
}

export function registerAuthRoutes(
  app: FastifyInstance,
  deps: AppDeps,
  { auth, audit }: { auth: AuthService; audit: AuditService },
): void {
  const signInLimit = { max: 20, timeWindow: '1 minute' };

  app.get('/sign-in', { config: { access: 'public' } }, async (req, reply) => {
    if (req.user) return reply.redirect('/staff');
    return reply.render('platform/sign-in.njk', {
      title: 'Sign in',
      values: {},
      next: safeNext((req.query as any).next, deps.config.baseUrl),
      oidc: !!deps.config.oidc,
    });
  });

  app.post('/sign-in', { config: { access: 'public', rateLimit: signInLimit } }, async (req, reply) => {
    const form = parseForm(signInSchema, req.body);
    const next = safeNext((req.body as any)?.next, deps.config.baseUrl);
    const again = (errors: Record<string, string>) =>
      reply.code(400).render('platform/sign-in.njk', {
        title: 'Sign in',
        errors,
        values: { email: form.values.email },
        next,
        oidc: !!deps.config.oidc,
      });
    if (!form.ok) return again(form.errors);
    const user = await auth.checkPassword(form.value!.email, form.value!.password, meta(req));
    if (!user) return again({ email: SIGN_IN_ERROR });
    if (user.totp_enabled && user.totp_secret) {
      await rotateSession(req, deps, user.id, 'password-ok', { next });
      return reply.redirect('/sign-in/two-factor');
    }
    await rotateSession(req, deps, user.id, 'enrol-totp', { next, enrolSecret: auth.newEnrolmentSecret() });
    return reply.redirect('/sign-in/set-up-two-factor');
  });

  app.get('/sign-in/two-factor', { config: { access: 'public' } }, async (req, reply) => {
    if (req.session?.stage !== 'password-ok') return reply.redirect('/sign-in');
    return reply.render('platform/two-factor.njk', { title: 'Enter your security code', values: {} });
  });

  app.post(
    '/sign-in/two-factor',
    { config: { access: 'public', rateLimit: signInLimit } },
    async (req, reply) => {
      const session = req.session;
      if (session?.stage !== 'password-ok' || !session.userId) return reply.redirect('/sign-in');
      const form = parseForm(codeSchema, req.body);
      const ok = form.ok && (await auth.checkSecondFactor(session.userId, form.value!.code, meta(req)));
      if (!ok) {
        return reply.code(400).render('platform/two-factor.njk', {
          title: 'Enter your security code',
          errors: form.ok
            ? {
                code: 'The security code is not correct or has expired. Enter the latest code from your app.',
              }
            : form.errors,
          values: {},
        });
      }
      const next = safeNext(session.data.next, deps.config.baseUrl);
      await rotateSession(req, deps, session.userId, 'signed-in');
      return reply.redirect(next);
    },
  );

  app.get('/sign-in/set-up-two-factor', { config: { access: 'public' } }, async (req, reply) => {
    const session = req.session;
    if (session?.stage !== 'enrol-totp' || !session.userId) return reply.redirect('/sign-in');
    const user = await auth.users.findById(session.userId);
    const qr = await totpQrCode(session.data.enrolSecret, user!.email);
    return reply.render('platform/set-up-two-factor.njk', {
      title: 'Set up your security code',
      qr,
      secret: session.data.enrolSecret,
      values: {},
    });
  });

  app.post(
    '/sign-in/set-up-two-factor',
    { config: { access: 'public', rateLimit: signInLimit } },
    async (req, reply) => {
      const session = req.session;
      if (session?.stage !== 'enrol-totp' || !session.userId) return reply.redirect('/sign-in');
      const form = parseForm(codeSchema, req.body);
      const codes = form.ok
        ? await auth.completeEnrolment(session.userId, session.data.enrolSecret, form.value!.code, meta(req))
        : null;
      if (!codes) {
        const user = await auth.users.findById(session.userId);
        return reply.code(400).render('platform/set-up-two-factor.njk', {
          title: 'Set up your security code',
          qr: await totpQrCode(session.data.enrolSecret, user!.email),
          secret: session.data.enrolSecret,
          errors: form.ok
            ? { code: 'The security code is not correct. Enter the code your app shows now.' }
            : form.errors,
          values: {},
        });
      }
      const next = safeNext(session.data.next, deps.config.baseUrl);
      await rotateSession(req, deps, session.userId, 'signed-in', { recoveryCodes: codes, next });
      return reply.redirect('/sign-in/recovery-codes');
    },
  );

  app.get('/sign-in/recovery-codes', { config: { access: 'staff.home' } }, async (req, reply) => {
    const codes = req.session?.data.recoveryCodes;
    if (!codes) return reply.redirect('/staff');
    const next = safeNext(req.session!.data.next, deps.config.baseUrl);
    delete req.session!.data.recoveryCodes;
    await req.saveSession();
    return reply.render('platform/recovery-codes.njk', { title: 'Your recovery codes', codes, next });
  });

  // Signing out changes state, so it is a POST with the form's CSRF token; the link in the header leads
  // to a page with that form, which works without JavaScript. A GET alone signs nobody out.
  app.get('/sign-out', { config: { access: 'public' } }, async (req, reply) =>
    req.session
      ? reply.render('platform/sign-out.njk', { title: 'Sign out' })
      : reply.render('platform/signed-out.njk', { title: 'You have signed out' }),
  );

  app.post('/sign-out', { config: { access: 'public' } }, async (req, reply) => {
    await endSession(req, reply, deps);
    return reply.render('platform/signed-out.njk', { title: 'You have signed out' });
  });

  app.get('/account', { config: { access: 'staff.home' } }, async (req, reply) =>
    reply.render('platform/account.njk', { title: 'Your account', values: {} }),
  );

  app.post(
    '/account/password',
    { config: { access: 'staff.home', rateLimit: signInLimit } },
    async (req, reply) => {
      const form = parseForm(passwordSchema, req.body);
      const errors = form.ok
        ? await auth.changePassword(req.user!.id, form.value!.currentPassword, form.value!.newPassword, {
            ...meta(req),
            sessionId: req.session?.id ?? null,
          })
        : form.errors;
      if (Object.keys(errors).length) {
        return reply.code(400).render('platform/account.njk', { title: 'Your account', errors, values: {} });
      }
      const forced = req.user!.mustChangePassword;
      await req.flash('success', 'Your password has been changed. You have been signed out everywhere else.');
      return reply.redirect(forced ? '/staff' : '/account');
    },
  );

  registerOidc(app, deps, auth, audit);
}
