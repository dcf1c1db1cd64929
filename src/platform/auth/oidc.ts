import type { FastifyInstance } from 'fastify';
import * as client from 'openid-client';
import type { AppDeps } from '../module.js';
import type { AuthService } from './service.js';
import { rotateSession } from '../web/plugin.js';
import type { AuditService } from '../audit/service.js';

/**
 * Optional single sign-on through a council's OpenID Connect provider. The account must already exist
 * (matched by verified email, then remembered by subject); the provider is trusted for the second factor.
 */
export function registerOidc(
  app: FastifyInstance,
  deps: AppDeps,
  auth: AuthService,
  audit: AuditService,
): void {
  const settings = deps.config.oidc;
  if (!settings) return;
  const redirectUri = `${deps.config.baseUrl}/sign-in/oidc/callback`;
  let configuration: client.Configuration | null = null;
  const discover = async () => {
    if (!configuration) {
      const issuer = new URL(settings.issuer);
      configuration = await client.discovery(
        issuer,
        settings.clientId,
        settings.clientSecret,
        undefined,
        issuer.protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : undefined,
      );
    }
    return configuration;
  };

  app.get('/sign-in/oidc', { config: { access: 'public' } }, async (req, reply) => {
    const config = await discover();
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const session = await req.ensureSession();
    session.data.oidc = { verifier, state, nonce };
    await req.saveSession();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid email profile',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return reply.redirect(url.href);
  });

  app.get('/sign-in/oidc/callback', { config: { access: 'public' } }, async (req, reply) => {
    const pending = req.session?.data.oidc;
    const refuse = (message: string) =>
      reply.code(403).render('platform/sign-in.njk', {
        title: 'Sign in',
        errors: { email: message },
        values: {},
        next: '',
        oidc: true,
      });
    if (!pending) return refuse('Your single sign-on attempt expired. Try again.');
    const config = await discover();
    let claims: { sub: string; email?: unknown; email_verified?: unknown } | undefined;
    try {
      const current = new URL(req.url, deps.config.baseUrl);
      const tokens = await client.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
      });
      claims = tokens.claims();
      // In the code flow a conforming provider gives the email scope's claims from UserInfo, not in the ID token.
      if (claims && typeof claims.email !== 'string') {
        claims = {
          ...(await client.fetchUserInfo(config, tokens.access_token, claims.sub)),
          sub: claims.sub,
        };
      }
    } catch (err) {
      req.log.warn({ err: (err as Error).message }, 'single sign-on refused');
      return refuse('Single sign-on did not work. Try again or sign in with your email and password.');
    }
    if (!claims) return refuse('Single sign-on did not return who you are.');
    let user = await auth.users.findByOidcSubject(String(claims.sub));
    if (!user && typeof claims.email === 'string' && claims.email_verified !== false) {
      user = await auth.users.findByEmail(claims.email);
      if (user) await auth.users.update(user.id, { oidc_subject: String(claims.sub) });
    }
    if (!user || user.disabled)
      return refuse('There is no ASB Hub account for you. Ask your administrator to add you.');
    await auth.users.update(user.id, { last_sign_in_at: deps.clock.iso(), failed_attempts: 0 });
    await audit.record({
      partnershipId: user.partnership_id,
      userId: user.id,
      userLabel: user.email,
      action: 'sign-in.succeeded',
      subjectType: 'user',
      subjectId: user.id,
      reason: 'single sign-on',
      ip: req.ip,
      requestId: req.id,
    });
    await rotateSession(req, deps, user.id, 'signed-in');
    return reply.redirect('/staff');
  });
}
