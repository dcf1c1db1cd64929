import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../helpers/db.js';
import { startTestApp, Client, DEMO, TEST_SEED, type TestApp } from '../helpers/app.js';
import { currentTotp } from '../../src/platform/auth/totp.js';
import { demoTotpSecret, DEMO_PASSWORD } from '../../src/partnership/demo.js';

for (const dialect of testDialects()) {
  describe(`lockout and security-code replay [${dialect}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect, { env: { HASH_QUEUE: '32' } });
    });
    after(() => t.close());

    it('counts parallel wrong passwords one by one and locks at the threshold', async () => {
      const c = new Client(t.app);
      await c.get('/sign-in');
      const guesses = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          c.post('/sign-in', { email: DEMO.partner, password: `parallel-guess-${i}-wrong` }),
        ),
      );
      assert.ok(guesses.every((g) => g.statusCode === 400));
      const user = await t.deps.db
        .selectFrom('users')
        .select(['failed_attempts', 'locked_until'])
        .where('email', '=', DEMO.partner)
        .executeTakeFirstOrThrow();
      assert.equal(user.failed_attempts, 12);
      assert.ok(user.locked_until);
      // Only five passwords were actually tried; the rest were refused as locked.
      const reasons = await t.deps.db
        .selectFrom('audit_log')
        .select('reason')
        .where('action', '=', 'sign-in.failed')
        .where('user_label', '=', DEMO.partner)
        .execute();
      assert.equal(reasons.filter((r) => r.reason === 'wrong password').length, 5);
      assert.equal(reasons.filter((r) => r.reason === 'account locked').length, 7);
      const right = await c.post('/sign-in', { email: DEMO.partner, password: DEMO_PASSWORD });
      assert.equal(right.statusCode, 400);
    });

    it('refuses a security code used already, even within its 30 seconds', async () => {
      const secret = demoTotpSecret(TEST_SEED, DEMO.noiseOfficer);
      const code = currentTotp(secret);
      const first = new Client(t.app);
      await first.get('/sign-in');
      await first.post('/sign-in', { email: DEMO.noiseOfficer, password: DEMO_PASSWORD });
      await first.get('/sign-in/two-factor');
      assert.equal((await first.post('/sign-in/two-factor', { code })).statusCode, 302);

      const replay = new Client(t.app);
      await replay.get('/sign-in');
      await replay.post('/sign-in', { email: DEMO.noiseOfficer, password: DEMO_PASSWORD });
      await replay.get('/sign-in/two-factor');
      const again = await replay.post('/sign-in/two-factor', { code });
      assert.equal(again.statusCode, 400);
      assert.equal((await replay.get('/staff')).statusCode, 302);
      const audit = await t.deps.db
        .selectFrom('audit_log')
        .select('reason')
        .where('user_label', '=', DEMO.noiseOfficer)
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow();
      assert.equal(audit.reason, 'security code used already');
    });
  });
}
