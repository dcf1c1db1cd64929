import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../helpers/db.js';
import { startTestApp, Client, DEMO, TEST_SEED, forgetTotpUse, type TestApp } from '../helpers/app.js';
import { currentTotp } from '../../src/platform/auth/totp.js';
import { demoTotpSecret, DEMO_PASSWORD } from '../../src/partnership/demo.js';
import { safeNext } from '../../src/platform/auth/routes.js';

/** Posts an incomplete sign-in form (no hashing) from the address a header claims. */
async function signInFrom(t: TestApp, forwardedFor: string) {
  const c = new Client(t.app);
  await c.get('/sign-in', { 'x-forwarded-for': forwardedFor });
  return c.post('/sign-in', { email: '', password: '' }, { 'x-forwarded-for': forwardedFor });
}

for (const dialect of testDialects()) {
  describe(`proxy trust [${dialect}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
    });
    after(() => t.close());

    it('ignores X-Forwarded-For from a client that is not a named proxy: the sign-in limit holds', async () => {
      const codes: number[] = [];
      for (let i = 0; i < 21; i++) codes.push((await signInFrom(t, `203.0.113.${i + 1}`)).statusCode);
      assert.deepEqual(codes.slice(0, 20), Array(20).fill(400));
      assert.equal(codes[20], 429);
    });
  });

  describe(`proxy trust with TRUST_PROXY set [${dialect}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect, { env: { TRUST_PROXY: '127.0.0.1,10.0.0.0/8' } });
    });
    after(() => t.close());

    it('believes a named proxy: each forwarded client has its own limit', async () => {
      for (let i = 0; i < 21; i++) assert.equal((await signInFrom(t, `203.0.113.${i + 1}`)).statusCode, 400);
    });
  });

  describe(`sign-in next [${dialect}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
    });
    after(() => t.close());

    async function signInWithNext(next: string) {
      const c = new Client(t.app);
      await c.get(`/sign-in?next=${encodeURIComponent(next)}`);
      const r1 = await c.post('/sign-in', { email: DEMO.officer, password: DEMO_PASSWORD, next });
      assert.equal(r1.statusCode, 302);
      await c.get('/sign-in/two-factor');
      await forgetTotpUse(DEMO.officer);
      return c.post('/sign-in/two-factor', { code: currentTotp(demoTotpSecret(TEST_SEED, DEMO.officer)) });
    }

    it('records the connecting address, not a claimed one, in the audit log', async () => {
      const c = new Client(t.app);
      await c.get('/sign-in');
      await c.post(
        '/sign-in',
        { email: DEMO.analyst, password: 'a-wrong-password-here' },
        {
          'x-forwarded-for': '198.51.100.77',
        },
      );
      const row = await t.deps.db
        .selectFrom('audit_log')
        .select('ip')
        .where('action', '=', 'sign-in.failed')
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow();
      assert.equal(row.ip, '127.0.0.1');
    });

    it('goes home, not off-site, for a tab-smuggled next', async () => {
      const res = await signInWithNext('/\t/evil.example');
      assert.equal(res.statusCode, 302);
      assert.equal(res.headers.location, '/staff');
    });

    it('goes home, without a 500, for a next holding a newline', async () => {
      const res = await signInWithNext('/staff\r\nSet-Cookie: x=1');
      assert.equal(res.statusCode, 302);
      assert.equal(res.headers.location, '/staff');
      const page = await t.app.inject({ url: '/sign-in?next=%2Fa%0Ab' });
      assert.equal(page.statusCode, 200);
    });

    it('still follows a same-origin path with its query', async () => {
      const res = await signInWithNext('/reports?status=open');
      assert.equal(res.headers.location, '/reports?status=open');
    });
  });
}

describe('safeNext', () => {
  it('keeps only paths on our origin', () => {
    const base = 'https://asb.example.gov.uk';
    for (const bad of [
      '//evil.example',
      '/\\evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      'https://evil.example/',
      'javascript:alert(1)',
      '',
      42,
    ])
      assert.equal(safeNext(bad, base), '/staff', String(bad));
    assert.equal(safeNext('/cases/1?x=2#a', base), '/cases/1?x=2#a');
    assert.equal(safeNext('/a/../cases', base), '/cases');
  });
});
