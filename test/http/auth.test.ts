import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../helpers/db.js';
import { startTestApp, Client, DEMO, TEST_SEED, type TestApp } from '../helpers/app.js';
import { currentTotp } from '../../src/platform/auth/totp.js';
import { demoTotpSecret, DEMO_PASSWORD } from '../../src/partnership/demo.js';
import { AuditService } from '../../src/platform/audit/service.js';

for (const dialect of testDialects()) {
  describe(`sign-in [${dialect}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
    });
    after(() => t.close());

    it('signs in with password and TOTP, then reaches the staff home page', async () => {
      const c = new Client(t.app);
      await c.signIn(DEMO.officer);
      const home = await c.get('/staff');
      assert.equal(home.statusCode, 200);
      assert.match(home.body, /Olu Officer/);
    });

    it('gives the same message for a wrong password and an unknown email, keeping the email typed', async () => {
      const c = new Client(t.app);
      await c.get('/sign-in');
      const wrong = await c.post('/sign-in', { email: DEMO.analyst, password: 'not the password' });
      const unknown = await c.post('/sign-in', { email: 'nobody@example.com', password: 'whatever-it-is' });
      assert.equal(wrong.statusCode, 400);
      assert.equal(unknown.statusCode, 400);
      const msg = (b: string) => /govuk-error-summary__list[\s\S]*?<a[^>]*>([^<]+)</.exec(b)?.[1].trim();
      assert.ok(msg(wrong.body));
      assert.equal(msg(wrong.body), msg(unknown.body));
      assert.match(wrong.body, new RegExp(`value="${DEMO.analyst}"`));
    });

    it('names the missing fields', async () => {
      const c = new Client(t.app);
      await c.get('/sign-in');
      const res = await c.post('/sign-in', { email: '', password: '' });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /Enter your email address/);
      assert.match(res.body, /Enter your password/);
    });

    it('locks the account after 5 wrong passwords, even for the right one', async () => {
      const c = new Client(t.app);
      await c.get('/sign-in');
      for (let i = 0; i < 5; i++)
        await c.post('/sign-in', { email: DEMO.auditor, password: `wrong-${i}-password` });
      const right = await c.post('/sign-in', { email: DEMO.auditor, password: DEMO_PASSWORD });
      assert.equal(right.statusCode, 400);
    });

    it('refuses a wrong security code and accepts a current one', async () => {
      const c = new Client(t.app);
      await c.get('/sign-in');
      await c.post('/sign-in', { email: DEMO.coordinator, password: DEMO_PASSWORD });
      await c.get('/sign-in/two-factor');
      const bad = await c.post('/sign-in/two-factor', {
        code: '000000' === currentTotp(demoTotpSecret(TEST_SEED, DEMO.coordinator)) ? '111111' : '000000',
      });
      assert.equal(bad.statusCode, 400);
      assert.equal((await c.get('/staff')).statusCode, 302);
      const good = await c.post('/sign-in/two-factor', {
        code: currentTotp(demoTotpSecret(TEST_SEED, DEMO.coordinator)),
      });
      assert.equal(good.statusCode, 302);
      assert.equal((await c.get('/staff')).statusCode, 200);
    });

    it('enrols a new user in TOTP with a QR code and shows recovery codes that work once', async () => {
      const admin = new Client(t.app);
      await admin.signIn(DEMO.admin);
      await admin.get('/admin/users/new');
      const team = await t.deps.db
        .selectFrom('teams')
        .select('id')
        .where('code', '=', 'PP')
        .executeTakeFirstOrThrow();
      const added = await admin.post('/admin/users/new', {
        name: 'New Person',
        email: 'new.person@example.gov.uk',
        teamId: team.id,
        role: 'officer',
      });
      assert.equal(added.statusCode, 200);
      const password = /id="temporary-password">([^<]+)</.exec(added.body)![1];

      const c = new Client(t.app);
      await c.get('/sign-in');
      const r1 = await c.post('/sign-in', { email: 'new.person@example.gov.uk', password });
      assert.equal(r1.headers.location, '/sign-in/set-up-two-factor');
      const setup = await c.get('/sign-in/set-up-two-factor');
      assert.match(setup.body, /data:image\/png;base64/);
      const secret = /class="app-secret">([A-Z2-7]+)</.exec(setup.body)![1];
      const r2 = await c.post('/sign-in/set-up-two-factor', { code: currentTotp(secret) });
      assert.equal(r2.headers.location, '/sign-in/recovery-codes');
      const codesPage = await c.get('/sign-in/recovery-codes');
      const codes = [...codesPage.body.matchAll(/<li><code>([0-9a-f]{5}-[0-9a-f]{5})<\/code><\/li>/g)].map(
        (m) => m[1],
      );
      assert.equal(codes.length, 10);

      // A recovery code signs in once, and only once.
      for (const expected of [302, 400]) {
        const d = new Client(t.app);
        await d.get('/sign-in');
        await d.post('/sign-in', { email: 'new.person@example.gov.uk', password });
        await d.get('/sign-in/two-factor');
        const r = await d.post('/sign-in/two-factor', { code: codes[0] });
        assert.equal(r.statusCode, expected);
      }
    });

    it('refuses a form without its CSRF token', async () => {
      const c = new Client(t.app);
      await c.get('/sign-in');
      c.csrf = 'forged';
      const res = await c.post('/sign-in', { email: DEMO.officer, password: DEMO_PASSWORD });
      assert.equal(res.statusCode, 403);
    });

    it('signs out and the old session no longer works', async () => {
      const c = new Client(t.app);
      await c.signIn(DEMO.manager);
      assert.equal((await c.get('/staff')).statusCode, 200);
      await c.get('/sign-out');
      assert.equal((await c.get('/staff')).statusCode, 200, 'a GET alone does not sign out');
      await c.post('/sign-out');
      assert.equal((await c.get('/staff')).statusCode, 302);
    });

    it('a disabled account cannot sign in and its sessions end', async () => {
      const victim = new Client(t.app);
      await victim.signIn(DEMO.estateOfficer);
      const admin = new Client(t.app);
      await admin.signIn(DEMO.admin);
      const id = t.demo.users[DEMO.estateOfficer];
      await admin.get(`/admin/users/${id}`);
      await admin.post(`/admin/users/${id}/disable`, { disabled: 'true' });
      assert.equal((await victim.get('/staff')).statusCode, 302);
      const again = new Client(t.app);
      await again.get('/sign-in');
      assert.equal(
        (await again.post('/sign-in', { email: DEMO.estateOfficer, password: DEMO_PASSWORD })).statusCode,
        400,
      );
    });

    it('records sign-ins in an intact audit chain', async () => {
      const audit = new AuditService(t.deps.db, t.deps.dialect, t.deps.clock);
      const v = await audit.verify();
      assert.equal(v.ok, true);
      assert.ok(v.entries > 5);
    });
  });
}
