import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../helpers/db.js';
import { startTestApp, Client, DEMO, type TestApp } from '../helpers/app.js';

const METRICS_TOKEN = 'metrics-token-for-the-test-0123';

for (const dialect of testDialects()) {
  describe(`smaller findings [${dialect}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect, { env: { METRICS_TOKEN } });
    });
    after(() => t.close());

    it("escapes an API key's name in the banner shown after creation", async () => {
      const admin = new Client(t.app);
      await admin.signIn(DEMO.admin);
      await admin.get('/admin/api-keys');
      const res = await admin.post('/admin/api-keys', {
        name: '<img src=x onerror=alert(1)>',
        rateLimit: '60',
      });
      assert.equal(res.statusCode, 200);
      assert.doesNotMatch(res.body, /<img src=x/);
      assert.match(res.body, /&lt;img src=x onerror=alert\(1\)&gt;/);
    });

    it('answers 400 naming the field for a bad date or page, not 500', async () => {
      const auditor = new Client(t.app);
      await auditor.signIn(DEMO.auditor);
      const from = await auditor.get('/audit?from=garbage');
      assert.equal(from.statusCode, 400);
      assert.match(from.body, /From must be a real date/);
      assert.match(from.body, /value="garbage"/);
      for (const url of ['/audit?page=1e400', '/queue?page=-1', '/people/repeats?page=abc']) {
        const res = await auditor.get(url);
        assert.equal(res.statusCode, 400, url);
        assert.match(res.body, /page must be a whole number/, url);
      }
    });

    it('marks every signed-in page and export no-store, but not static assets', async () => {
      const officer = new Client(t.app);
      await officer.signIn(DEMO.officer);
      for (const url of ['/staff', '/queue', '/account'])
        assert.equal((await officer.get(url)).headers['cache-control'], 'no-store', url);
      const analyst = new Client(t.app);
      await analyst.signIn(DEMO.analyst);
      const csv = await analyst.get('/people/repeats.csv');
      assert.equal(csv.statusCode, 200);
      assert.equal(csv.headers['cache-control'], 'no-store');
      const asset = await officer.get('/assets/app/app.css');
      assert.notEqual(asset.headers['cache-control'], 'no-store');
    });

    it('asks for the bearer token on /metrics when one is configured', async () => {
      assert.equal((await t.app.inject({ url: '/metrics' })).statusCode, 401);
      const wrong = await t.app.inject({ url: '/metrics', headers: { authorization: 'Bearer nope' } });
      assert.equal(wrong.statusCode, 401);
      const ok = await t.app.inject({
        url: '/metrics',
        headers: { authorization: `Bearer ${METRICS_TOKEN}` },
      });
      assert.equal(ok.statusCode, 200);
      assert.match(ok.body, /asbhub_http_requests_total/);
    });

    it('signs out only by a POST carrying the CSRF token, from a form that needs no JavaScript', async () => {
      const c = new Client(t.app);
      await c.signIn(DEMO.manager);
      const page = await c.get('/sign-out');
      assert.match(page.body, /<form method="post" action="\/sign-out"/);
      assert.equal(
        (await c.get('/staff')).statusCode,
        200,
        'a GET (an image tag on another site) does not sign out',
      );
      c.csrf = 'forged';
      assert.equal((await c.post('/sign-out')).statusCode, 403);
      assert.equal((await c.get('/staff')).statusCode, 200);
      await c.get('/sign-out');
      assert.notEqual(c.csrf, 'forged');
      assert.equal((await c.post('/sign-out')).statusCode, 200);
      assert.equal((await c.get('/staff')).statusCode, 302);
    });
  });
}
