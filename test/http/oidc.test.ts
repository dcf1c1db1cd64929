import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import Provider from 'oidc-provider';
import { testDialects } from '../helpers/db.js';
import { startTestApp, DEMO, type TestApp } from '../helpers/app.js';

/** Accounts the test OpenID provider knows: login name → email it asserts (verified). */
const PROVIDER_ACCOUNTS: Record<string, string> = {
  'council-olu': DEMO.officer,
  'council-stranger': 'stranger@elsewhere.gov.uk',
};
const CLIENT_ID = 'asbhub-test';
const CLIENT_SECRET = 'a-client-secret-only-for-these-tests';

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as AddressInfo;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

/** A real OpenID provider (oidc-provider, with its development login and consent pages) on a random port. */
async function startProvider(redirectUri: string): Promise<{ issuer: string; close(): Promise<void> }> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    cookies: { keys: ['cookie-key-only-for-these-tests'] },
    findAccount: async (_ctx, id) => {
      const email = PROVIDER_ACCOUNTS[id];
      if (!email) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, email, email_verified: true }) };
    },
  });
  server.on('request', provider.callback());
  return {
    issuer,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface StoredCookie {
  origin: string;
  name: string;
  value: string;
  path: string;
}

/** Enough of a browser for the sign-in dance: keeps cookies per origin and path, never follows redirects itself. */
class CookieBrowser {
  private cookies: StoredCookie[] = [];

  async request(
    url: string | URL,
    init: { method?: string; form?: Record<string, string> } = {},
  ): Promise<Response> {
    const u = new URL(url);
    const cookie = this.cookies
      .filter(
        (c) =>
          c.origin === u.origin &&
          (u.pathname === c.path || u.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`)),
      )
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
    const headers: Record<string, string> = {};
    if (cookie) headers.cookie = cookie;
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    const res = await fetch(u, { method: init.method ?? 'GET', headers, body, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) this.remember(u, line);
    return res;
  }

  private remember(u: URL, line: string): void {
    const [pair, ...attrs] = line.split(';').map((s) => s.trim());
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    let cookiePath = '/';
    let expired = value === '';
    for (const a of attrs) {
      const [k, v = ''] = a.split('=');
      if (k.toLowerCase() === 'path') cookiePath = v;
      if (k.toLowerCase() === 'max-age' && Number(v) <= 0) expired = true;
      if (k.toLowerCase() === 'expires' && new Date(v).getTime() < Date.now()) expired = true;
    }
    this.cookies = this.cookies.filter(
      (c) => !(c.origin === u.origin && c.name === name && c.path === cookiePath),
    );
    if (!expired) this.cookies.push({ origin: u.origin, name, value, path: cookiePath });
  }
}

/**
 * Starts single sign-on at ASB Hub, signs in at the provider as `login` and consents, then hands the
 * provider's redirect (optionally altered) back to ASB Hub's callback. Returns ASB Hub's answer to it.
 */
async function signInThroughProvider(
  browser: CookieBrowser,
  appBase: string,
  login: string,
  alterCallback: (callback: URL) => void = () => {},
): Promise<Response> {
  let res = await browser.request(`${appBase}/sign-in/oidc`);
  let url = new URL(`${appBase}/sign-in/oidc`);
  for (let step = 0; step < 20; step++) {
    if (res.status >= 300 && res.status < 400) {
      const next = new URL(res.headers.get('location')!, url);
      if (next.href.startsWith(`${appBase}/sign-in/oidc/callback`)) {
        alterCallback(next);
        return browser.request(next);
      }
      url = next;
      res = await browser.request(url);
      continue;
    }
    const html = await res.text();
    assert.equal(res.status, 200, `unexpected ${res.status} from ${url.href}: ${html.slice(0, 500)}`);
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    assert.ok(prompt && action, `no interaction form at ${url.href}`);
    const form: Record<string, string> =
      prompt === 'login' ? { prompt, login, password: 'anything' } : { prompt };
    url = new URL(action.replace(/&amp;/g, '&'), url);
    res = await browser.request(url, { method: 'POST', form });
  }
  throw new Error('single sign-on did not come back to ASB Hub within 20 steps');
}

for (const dialect of testDialects()) {
  describe(`single sign-on with a real OpenID provider [${dialect}]`, () => {
    let t: TestApp;
    let appBase: string;
    let provider: Awaited<ReturnType<typeof startProvider>>;

    before(async () => {
      const port = await freePort();
      appBase = `http://127.0.0.1:${port}`;
      provider = await startProvider(`${appBase}/sign-in/oidc/callback`);
      t = await startTestApp(dialect, {
        env: {
          OIDC_ISSUER: provider.issuer,
          OIDC_CLIENT_ID: CLIENT_ID,
          OIDC_CLIENT_SECRET: CLIENT_SECRET,
          BASE_URL: appBase,
        },
      });
      await t.app.listen({ port, host: '127.0.0.1' });
    });
    after(async () => {
      await t?.close();
      await provider?.close();
    });

    it('offers single sign-on on the sign-in page', async () => {
      const res = await new CookieBrowser().request(`${appBase}/sign-in`);
      assert.match(await res.text(), /href="\/sign-in\/oidc"/);
    });

    it('signs in a user whose verified email has an account, remembers the subject, and audits it', async () => {
      const browser = new CookieBrowser();
      const callback = await signInThroughProvider(browser, appBase, 'council-olu');
      assert.equal(callback.status, 302, await callback.text());
      assert.equal(callback.headers.get('location'), '/staff');
      const home = await browser.request(`${appBase}/staff`);
      assert.equal(home.status, 200);
      assert.match(await home.text(), /Olu Officer/);

      const user = await t.deps.db
        .selectFrom('users')
        .selectAll()
        .where('email', '=', DEMO.officer)
        .executeTakeFirstOrThrow();
      assert.equal(user.oidc_subject, 'council-olu');
      const entries = await t.deps.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'sign-in.succeeded')
        .where('user_id', '=', user.id)
        .execute();
      assert.equal(entries.length, 1);
      assert.equal(entries[0].reason, 'single sign-on');
      assert.equal(entries[0].user_label, DEMO.officer);
    });

    it('signs in again by the remembered subject', async () => {
      const browser = new CookieBrowser();
      const callback = await signInThroughProvider(browser, appBase, 'council-olu');
      assert.equal(callback.headers.get('location'), '/staff');
      assert.equal((await browser.request(`${appBase}/staff`)).status, 200);
    });

    it('refuses an email with no ASB Hub account, saying so', async () => {
      const before = await t.deps.db
        .selectFrom('audit_log')
        .select(({ fn }) => fn.countAll<number>().as('n'))
        .where('action', '=', 'sign-in.succeeded')
        .executeTakeFirstOrThrow();
      const browser = new CookieBrowser();
      const callback = await signInThroughProvider(browser, appBase, 'council-stranger');
      assert.equal(callback.status, 403);
      assert.match(
        await callback.text(),
        /There is no ASB Hub account for you. Ask your administrator to add you./,
      );
      const staff = await browser.request(`${appBase}/staff`);
      assert.equal(staff.status, 302);
      assert.match(staff.headers.get('location')!, /^\/sign-in/);
      const afterCount = await t.deps.db
        .selectFrom('audit_log')
        .select(({ fn }) => fn.countAll<number>().as('n'))
        .where('action', '=', 'sign-in.succeeded')
        .executeTakeFirstOrThrow();
      assert.equal(Number(afterCount.n), Number(before.n));
    });

    it('refuses a callback whose state was tampered with', async () => {
      const browser = new CookieBrowser();
      const callback = await signInThroughProvider(browser, appBase, 'council-olu', (u) => {
        const state = u.searchParams.get('state')!;
        u.searchParams.set('state', `${state.slice(0, -1)}${state.endsWith('A') ? 'B' : 'A'}`);
      });
      assert.equal(callback.status, 403);
      assert.match(await callback.text(), /Single sign-on did not work/);
      const staff = await browser.request(`${appBase}/staff`);
      assert.equal(staff.status, 302);
    });

    it('refuses a callback with no sign-on in progress', async () => {
      const res = await new CookieBrowser().request(
        `${appBase}/sign-in/oidc/callback?code=made-up&state=made-up`,
      );
      assert.equal(res.status, 403);
      assert.match(await res.text(), /Your single sign-on attempt expired/);
    });
  });
}
