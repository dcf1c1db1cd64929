import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../helpers/db.js';
import { startTestApp, Client, type TestApp } from '../helpers/app.js';

const FLOOD = 16;

for (const dialect of testDialects()) {
  describe(`a sign-in flood does not starve the server [${dialect}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect, {
        env: { HASH_CONCURRENCY: '1', HASH_QUEUE: '3', TRUST_PROXY: '127.0.0.1' },
      });
    });
    after(() => t.close());

    it('answers static files and /health while sign-ins hash, and turns the excess away with 503 and Retry-After', async () => {
      // Each flooding client has its own forwarded address, so the per-address limit does not stop them.
      const clients = await Promise.all(
        Array.from({ length: FLOOD }, async (_, i) => {
          const c = new Client(t.app);
          await c.get('/sign-in', { 'x-forwarded-for': `198.51.100.${i + 1}` });
          return { c, ip: `198.51.100.${i + 1}` };
        }),
      );
      // The first unknown-email sign-in makes the timing hash: do it before the flood.
      await clients[0].c.post(
        '/sign-in',
        { email: 'warm@example.com', password: 'warm-up-password' },
        {
          'x-forwarded-for': clients[0].ip,
        },
      );

      const finished: string[] = [];
      const flood = clients.map(async ({ c, ip }, i) => {
        const res = await c.post(
          '/sign-in',
          { email: `nobody${i}@example.com`, password: `flood-password-${i}` },
          { 'x-forwarded-for': ip },
        );
        finished.push(res.statusCode === 503 ? 'busy' : 'hashed');
        return res;
      });
      const asset = t.app.inject({ url: '/assets/govuk/govuk-frontend.min.js' }).then((res) => {
        finished.push('asset');
        return res;
      });
      const health = t.app.inject({ url: '/health' }).then((res) => {
        finished.push('health');
        return res;
      });
      const [responses, assetRes, healthRes] = await Promise.all([Promise.all(flood), asset, health]);

      assert.equal(assetRes.statusCode, 200);
      assert.equal(healthRes.statusCode, 200);
      const hashedBeforeAsset = finished.slice(0, finished.indexOf('asset')).filter((x) => x === 'hashed');
      assert.ok(
        hashedBeforeAsset.length <= 2,
        `the static file waited for ${hashedBeforeAsset.length} password hashes (${finished.join(' ')})`,
      );
      const busy = responses.filter((r) => r.statusCode === 503);
      assert.ok(busy.length >= FLOOD - 4 - 2, `only ${busy.length} sign-ins were turned away`);
      for (const r of busy) assert.equal(r.headers['retry-after'], '5');
      assert.ok(responses.every((r) => r.statusCode === 503 || r.statusCode === 400));
    });
  });
}
