import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../helpers/db.js';
import { startTestApp, Client, DEMO, type TestApp } from '../helpers/app.js';
import { currentTotp } from '../../src/platform/auth/totp.js';
import { DEMO_PASSWORD } from '../../src/partnership/demo.js';
import { runHousekeeping } from '../../src/platform/jobs.js';
import { passwordProblem } from '../../src/platform/auth/passwords.js';

for (const dialect of testDialects()) {
  describe(`accounts [${dialect}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect, { env: { LOG_LEVEL: process.env.TEST_LOG ?? 'silent' } });
    });
    after(() => t.close());

    it('a temporary password set by an administrator opens only the page to replace it; the new one is checked', async () => {
      const admin = new Client(t.app);
      await admin.signIn(DEMO.admin);
      await admin.get('/admin/users/new');
      const team = await t.deps.db
        .selectFrom('teams')
        .select('id')
        .where('code', '=', 'PP')
        .executeTakeFirstOrThrow();
      const added = await admin.post('/admin/users/new', {
        name: 'Tem Porary',
        email: 'tem.porary@example.gov.uk',
        teamId: team.id,
        role: 'officer',
      });
      const temporary = /id="temporary-password">([^<]+)</.exec(added.body)![1];

      const c = new Client(t.app);
      await c.get('/sign-in');
      await c.post('/sign-in', { email: 'tem.porary@example.gov.uk', password: temporary });
      const setup = await c.get('/sign-in/set-up-two-factor');
      const secret = /class="app-secret">([A-Z2-7]+)</.exec(setup.body)![1];
      await c.post('/sign-in/set-up-two-factor', { code: currentTotp(secret) });
      assert.equal((await c.get('/sign-in/recovery-codes')).statusCode, 200);

      const home = await c.get('/staff');
      assert.equal(home.statusCode, 302);
      assert.equal(home.headers.location, '/account');
      assert.equal((await c.get('/queue')).headers.location, '/account');
      const account = await c.get('/account');
      assert.match(account.body, /temporary password/);

      const common = await c.post('/account/password', {
        currentPassword: temporary,
        newPassword: 'password123456',
      });
      assert.equal(common.statusCode, 400);
      assert.match(common.body, /common passwords/);
      const short = await c.post('/account/password', {
        currentPassword: temporary,
        newPassword: 'short-one',
      });
      assert.match(short.body, /12 characters or more/);
      const done = await c.post('/account/password', {
        currentPassword: temporary,
        newPassword: 'violet kettle harbour 42',
      });
      assert.equal(done.headers.location, '/staff');
      assert.equal((await c.get('/staff')).statusCode, 200);
    });

    it('changing a password ends the other sessions, not this one', async () => {
      const laptop = new Client(t.app);
      await laptop.signIn(DEMO.analyst);
      const phone = new Client(t.app);
      await phone.signIn(DEMO.analyst);
      await laptop.get('/account');
      const res = await laptop.post('/account/password', {
        currentPassword: DEMO_PASSWORD,
        newPassword: 'copper lantern meadow 7',
      });
      assert.equal(res.statusCode, 302);
      assert.equal((await laptop.get('/staff')).statusCode, 200);
      assert.equal((await phone.get('/staff')).statusCode, 302);
    });

    it('an administrator resetting a password ends all the user’s sessions', async () => {
      const user = new Client(t.app);
      await user.signIn(DEMO.policeOfficer);
      const admin = new Client(t.app);
      await admin.signIn(DEMO.admin);
      const id = t.demo.users[DEMO.policeOfficer];
      const page = await admin.get(`/admin/users/${id}`);
      const action = /action="(\/admin\/users\/[^"]+\/reset-password)"/.exec(page.body)?.[1];
      assert.ok(action, 'the user page has a reset-password form');
      await admin.post(action);
      assert.equal((await user.get('/staff')).statusCode, 302);
    });

    it('a housekeeping job deletes expired sessions and keeps live ones', async () => {
      const live = new Client(t.app);
      await live.signIn(DEMO.manager);
      const now = Date.now();
      const old = new Date(now - 13 * 3600_000).toISOString();
      await t.deps.db
        .insertInto('sessions')
        .values([
          {
            id: 'expired-absolute',
            partnership_id: t.demo.partnershipId,
            user_id: null,
            stage: 'anonymous',
            data: '{}',
            created_at: old,
            last_seen_at: new Date(now - 60_000).toISOString(),
            expires_at: new Date(now - 1000).toISOString(),
            ip: null,
          },
          {
            id: 'expired-idle',
            partnership_id: t.demo.partnershipId,
            user_id: null,
            stage: 'anonymous',
            data: '{}',
            created_at: old,
            last_seen_at: new Date(now - 2 * 3600_000).toISOString(),
            expires_at: new Date(now + 3600_000).toISOString(),
            ip: null,
          },
        ])
        .execute();
      const { sessionsDeleted } = await runHousekeeping(t.deps);
      assert.ok(sessionsDeleted >= 2);
      const left = await t.deps.db
        .selectFrom('sessions')
        .select('id')
        .where('id', 'in', ['expired-absolute', 'expired-idle'])
        .execute();
      assert.deepEqual(left, []);
      assert.equal((await live.get('/staff')).statusCode, 200);
    });
  });
}

describe('password rules', () => {
  it('refuses short and common passwords, and common ones with digits added', () => {
    assert.match(passwordProblem('abc')!, /12 characters/);
    assert.match(passwordProblem('qwertyuiop123')!, /common/);
    assert.match(passwordProblem('Password2026!!')!, /common/);
    assert.equal(passwordProblem('violet kettle harbour 42'), null);
  });
});
