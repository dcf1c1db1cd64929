import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../helpers/db.js';
import { startTestApp, Client, DEMO, type TestApp } from '../helpers/app.js';
import { can, type Permission } from '../../src/platform/permissions/roles.js';

interface RouteInfo {
  method: string;
  url: string;
  readonly access: string;
}

/** Fills route parameters with a made-up id: the access check runs before any record is looked up. */
const concrete = (url: string) =>
  url.replace(/:[A-Za-z_]+/g, '00000000-0000-7000-8000-000000000000').replace(/\*$/, 'x');

for (const dialect of testDialects()) {
  describe(`every route declares and enforces its access [${dialect}]`, () => {
    let t: TestApp;
    const routes: RouteInfo[] = [];
    before(async () => {
      t = await startTestApp(dialect, {
        onRoute: (r) => {
          for (const method of [r.method].flat()) {
            if (method === 'HEAD' || method === 'OPTIONS') continue;
            // Read the access later: hooks registered after this one may still fill it in (static assets).
            routes.push({
              method,
              url: r.url,
              get access() {
                return String(r.config?.access);
              },
            });
          }
        },
      });
    });
    after(() => t.close());

    it('found the routes of every module', () => {
      assert.ok(routes.length > 15, `only ${routes.length} routes registered`);
      assert.ok(routes.every((r) => r.access && r.access !== 'undefined'));
    });

    it('refuses an anonymous request everywhere except the public pages', async () => {
      const failures: string[] = [];
      for (const r of routes.filter((x) => x.access !== 'public')) {
        const res = await t.app.inject({
          method: r.method as any,
          url: concrete(r.url),
          payload: r.method === 'GET' ? undefined : {},
        });
        const refused =
          (res.statusCode === 302 && String(res.headers.location).startsWith('/sign-in')) ||
          res.statusCode === 401 ||
          res.statusCode === 403;
        if (!refused) failures.push(`${r.method} ${r.url} -> ${res.statusCode}`);
      }
      assert.deepEqual(failures, []);
    });

    it('refuses a partner-agency user on every staff route their role does not hold', async () => {
      const c = new Client(t.app);
      await c.signIn(DEMO.partner);
      const failures: string[] = [];
      for (const r of routes.filter((x) => x.access !== 'public' && x.access !== 'apikey')) {
        if (can('partner', r.access as Permission)) continue;
        const res = r.method === 'GET' ? await c.get(concrete(r.url)) : await c.post(concrete(r.url), {});
        if (res.statusCode !== 403) failures.push(`${r.method} ${r.url} -> ${res.statusCode}`);
      }
      assert.deepEqual(failures, []);
      const denied = await t.deps.db
        .selectFrom('audit_log')
        .select(({ fn }) => fn.countAll<number>().as('n'))
        .where('action', '=', 'access.denied')
        .where('user_id', '=', t.demo.users[DEMO.partner])
        .executeTakeFirstOrThrow();
      assert.ok(Number(denied.n) > 0, 'refusals are audited');
    });

    it('refuses API-key routes without a key', async () => {
      const failures: string[] = [];
      for (const r of routes.filter((x) => x.access === 'apikey')) {
        const res = await t.app.inject({
          method: r.method as any,
          url: concrete(r.url),
          payload: r.method === 'GET' ? undefined : {},
        });
        if (![400, 401, 403].includes(res.statusCode))
          failures.push(`${r.method} ${r.url} -> ${res.statusCode}`);
      }
      assert.deepEqual(failures, []);
    });

    it('public pages answer without signing in', async () => {
      for (const url of [
        '/',
        '/accessibility',
        '/privacy',
        '/cookies',
        '/sign-in',
        '/health',
        '/calendar',
        '/calendar.ics',
      ]) {
        const res = await t.app.inject({ method: 'GET', url });
        assert.equal(res.statusCode, 200, url);
      }
    });

    it('error pages leak nothing', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/no/such/page' });
      assert.equal(res.statusCode, 404);
      assert.match(res.body, /Page not found/);
      assert.doesNotMatch(res.body, /at .*\.ts:\d+|Error:|stack/);
    });
  });
}
